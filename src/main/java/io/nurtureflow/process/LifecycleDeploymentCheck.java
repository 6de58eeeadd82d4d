package io.nurtureflow.process;

import io.nurtureflow.system.BadInput;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.ModelException;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;

/**
 * Refuses a new deployment (Modeler's Deploy button, the Java API, the shipped files at start) with a process that
 * declares itself a lifecycle flow but breaks the contract: a lead put on it would lose its purchase or opt-out.
 * A deployer rather than a parse listener sees the whole file, and throwing here rolls the deployment back, so
 * nothing of it is deployed; /engine-rest answers the BadInput as 400 (EngineRestAnswers).
 */
@Component
class LifecycleDeploymentCheck extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        var deployers = configuration.getCustomPreDeployers() == null ? new ArrayList<Deployer>()
                : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(LifecycleDeploymentCheck::check);
        configuration.setCustomPreDeployers(deployers);
    }

    private static void check(DeploymentEntity deployment) {
        // deployers run again when a cached definition is reloaded; what is deployed already stays runnable
        if (!deployment.isNew()) {
            return;
        }
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
                String refusal = LifecycleContract.declaredBy(process.getId()) ? LifecycleContract.refusal(process) : null;
                if (refusal != null) {
                    throw new BadInput(name, refusal);
                }
            }
        }
    }
}
