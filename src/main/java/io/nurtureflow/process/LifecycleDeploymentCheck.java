package io.nurtureflow.process;

import io.nurtureflow.system.BadInput;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.xml.ModelException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses a new deployment (Modeler's Deploy button, the Java API, the shipped files at start) with a process that
 * declares itself a lifecycle flow but breaks the contract: a lead put on it would lose its purchase or opt-out;
 * and a lead-tagging.dmn whose lead-flow decision names a flow that cannot take leads. A deployer rather than a
 * parse listener sees the whole deployment, and throwing here rolls it back, so nothing of it is deployed;
 * /engine-rest answers the BadInput as 400 (EngineRestAnswers).
 */
@Component
class LifecycleDeploymentCheck extends AbstractProcessEnginePlugin {

    private static final Pattern LITERAL = Pattern.compile("^\\s*\"([^\"]*)\"\\s*$");

    /** Looked up late: it needs the engine this plugin helps to build. */
    private final ObjectProvider<EngineLifecycleFlows> flows;

    LifecycleDeploymentCheck(ObjectProvider<EngineLifecycleFlows> flows) {
        this.flows = flows;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        var deployers = configuration.getCustomPreDeployers() == null ? new ArrayList<Deployer>()
                : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(this::check);
        configuration.setCustomPreDeployers(deployers);
    }

    private void check(DeploymentEntity deployment) {
        // deployers run again when a cached definition is reloaded; what is deployed already stays runnable
        if (!deployment.isNew()) {
            return;
        }
        var lifecycles = new HashSet<String>();
        for (var resource : deployment.getResources().values()) {
            String name = resource.getName();
            if (!name.endsWith(".bpmn") && !name.endsWith(".bpmn20.xml")) {
                continue;
            }
            BpmnModelInstance model;
            try {
                model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
            } catch (ModelException unreadable) {
                continue; // the engine's own parser refuses it with its reasons
            }
            for (var process : model.getModelElementsByType(Process.class)) {
                if (!LifecycleContract.declaredBy(process.getId())) {
                    continue;
                }
                String refusal = LifecycleContract.refusal(process);
                if (refusal != null) {
                    throw new BadInput(name, refusal);
                }
                lifecycles.add(process.getId());
            }
        }
        for (var resource : deployment.getResources().values()) {
            if (resource.getName().endsWith(".dmn")) {
                checkFlowsNamedIn(resource.getName(), resource.getBytes(), lifecycles);
            }
        }
    }

    /** Only literal outputs can be checked before a lead comes; an expression is checked when it is evaluated. */
    private void checkFlowsNamedIn(String name, byte[] dmn, Set<String> deployedTogether) {
        DmnModelInstance model;
        try {
            model = Dmn.readModelFromStream(new ByteArrayInputStream(dmn));
        } catch (ModelException unreadable) {
            return;
        }
        if (!(model.getModelElementById(LeadTaggingDecision.FLOW_DECISION) instanceof Decision decision)
                || !(decision.getExpression() instanceof DecisionTable table)) {
            return;
        }
        for (Rule rule : table.getRules()) {
            for (var output : rule.getOutputEntries()) {
                var literal = LITERAL.matcher(output.getTextContent());
                if (!literal.matches() || deployedTogether.contains(literal.group(1))) {
                    continue;
                }
                flows.getObject().refusal(literal.group(1)).ifPresent(why -> {
                    throw new BadInput(name, LeadTaggingDecision.FLOW_DECISION + " 的规则 " + rule.getId() + "："
                            + why);
                });
            }
        }
    }
}
