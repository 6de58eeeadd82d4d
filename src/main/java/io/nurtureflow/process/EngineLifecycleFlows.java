package io.nurtureflow.process;

import io.nurtureflow.capture.LifecycleFlows;
import io.nurtureflow.system.BadInput;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.springframework.stereotype.Component;

import java.util.Optional;

import static io.nurtureflow.process.ProcessVocabulary.LIFECYCLE_KEY_SUFFIX;

/** Which deployed flows a lead may be put on: a lifecycle key whose latest version meets the contract. */
@Component
class EngineLifecycleFlows implements LifecycleFlows {

    private final RepositoryService repository;

    EngineLifecycleFlows(RepositoryService repository) {
        this.repository = repository;
    }

    @Override
    public void requireUsable(String flowKey, String field) {
        refusal(flowKey).ifPresent(why -> {
            throw new BadInput(field, why);
        });
    }

    /** Why the flow cannot take a lead now (a definition may have been deployed before the contract was checked). */
    Optional<String> refusal(String flowKey) {
        if (!LifecycleContract.declaredBy(flowKey)) {
            return Optional.of("'" + flowKey + "' 不是生命周期流程：生命周期流程的键以 " + LIFECYCLE_KEY_SUFFIX + " 结尾。");
        }
        var definition = repository.createProcessDefinitionQuery().processDefinitionKey(flowKey).latestVersion()
                .singleResult();
        if (definition == null) {
            return Optional.of("没有已部署的流程 '" + flowKey + "'：请先在 Camunda Modeler 中部署它。");
        }
        if (definition.isSuspended()) {
            return Optional.of("流程 '" + flowKey + "' 的最新版本已挂起。");
        }
        Process process = repository.getBpmnModelInstance(definition.getId()).getModelElementById(flowKey);
        return Optional.ofNullable(LifecycleContract.refusal(process));
    }
}
