package io.nurtureflow.process;

import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.NotFound;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A flow's versions with where their leads wait, and moving running leads from one version to another with
 * Camunda's migration API (docs.camunda.org/manual/7.24/user-guide/process-engine/process-instance-migration/):
 * same-id activities are mapped and event triggers (timers, messages) updated to the target's definitions. A dry
 * run migrates each instance for real inside a transaction that is always rolled back, so it reports exactly what
 * the engine would do, instance by instance, and changes nothing; the real run is an engine batch whose jobs carry
 * it out with retries and whose progress can be read.
 */
@Service
class FlowVersions {

    /** A dry run tries at most this many instances; it says how many there were. */
    static final int DRY_RUN_LIMIT = 2000;
    /** what a BPMN process id can be (an XML name, within the engine's column): anything else names no flow */
    private static final Pattern FLOW_KEY = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_.-]{0,254}");
    private static final Pattern ENGINE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final TransactionTemplate rolledBack;

    FlowVersions(RepositoryService repository, RuntimeService runtime, ManagementService management,
                 PlatformTransactionManager transactions) {
        this.repository = repository;
        this.runtime = runtime;
        this.management = management;
        this.rolledBack = new TransactionTemplate(transactions);
        this.rolledBack.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** Every version of the flow, newest first, with its running instances counted by the activity they wait at. */
    List<Version> versions(String key) {
        if (!FLOW_KEY.matcher(key).matches()) {
            throw new NotFound("No flow with this key is deployed.");
        }
        var definitions = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .orderByProcessDefinitionVersion().desc().list();
        if (definitions.isEmpty()) {
            throw new NotFound("No flow with key '" + key + "' is deployed.");
        }
        return definitions.stream().map(this::version).toList();
    }

    private Version version(ProcessDefinition definition) {
        var waiting = new LinkedHashMap<String, Long>();
        management.createActivityStatisticsQuery(definition.getId()).list().stream()
                .sorted(Comparator.comparing(s -> s.getId()))
                .forEach(s -> waiting.put(s.getId(), (long) s.getInstances()));
        long running = runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count();
        return new Version(definition.getVersion(), definition.getId(), definition.getName(), running, waiting);
    }

    /** What moving the flow's running instances from one version to the other would do; nothing changes. */
    DryRun dryRun(String key, int fromVersion, int toVersion) {
        var plan = plan(key, fromVersion, toVersion);
        if (plan.problems() != null) {
            return new DryRun(0, 0, List.of(), List.of(), plan.problems());
        }
        var instances = runtime.createProcessInstanceQuery().processDefinitionId(plan.plan().getSourceProcessDefinitionId())
                .orderByProcessInstanceId().asc().listPage(0, DRY_RUN_LIMIT);
        long total = runtime.createProcessInstanceQuery()
                .processDefinitionId(plan.plan().getSourceProcessDefinitionId()).count();
        var movable = new ArrayList<String>();
        var refused = new ArrayList<Refusal>();
        for (ProcessInstance instance : instances) {
            var reasons = tryMigrating(plan.plan(), instance.getId());
            if (reasons.isEmpty()) {
                movable.add(instance.getId());
            } else {
                refused.add(new Refusal(instance.getId(), instance.getBusinessKey(), reasons));
            }
        }
        return new DryRun(total, instances.size(), movable, refused, List.of());
    }

    /** Starts the real move as an engine batch; instances the engine cannot move make their batch job fail. */
    Batch migrate(String key, int fromVersion, int toVersion) {
        var plan = plan(key, fromVersion, toVersion);
        if (plan.problems() != null) {
            throw new BadInput("toVersion", "These versions cannot be mapped: " + String.join("; ", plan.problems()));
        }
        var source = runtime.createProcessInstanceQuery().processDefinitionId(plan.plan().getSourceProcessDefinitionId());
        if (source.count() == 0) {
            throw new BadInput("fromVersion", "No lead is running on version " + fromVersion + ".");
        }
        return runtime.newMigration(plan.plan()).processInstanceQuery(source).skipCustomListeners().executeAsync();
    }

    /** How far a migration batch has got; done once the engine has removed the batch. */
    Progress progress(String batchId) {
        if (!ENGINE_ID.matcher(batchId).matches()) {
            throw new NotFound("No migration " + batchId + ".");
        }
        var batch = management.createBatchQuery().batchId(batchId).singleResult();
        if (batch == null) {
            return new Progress(batchId, 0, 0, 0, true);
        }
        var statistics = management.createBatchStatisticsQuery().batchId(batchId).singleResult();
        return new Progress(batchId, batch.getTotalJobs(), statistics.getCompletedJobs(), statistics.getFailedJobs(),
                false);
    }

    private List<String> tryMigrating(MigrationPlan plan, String instanceId) {
        var reasons = new ArrayList<String>();
        rolledBack.executeWithoutResult(status -> {
            status.setRollbackOnly();
            try {
                runtime.newMigration(plan).processInstanceIds(instanceId).skipCustomListeners().execute();
            } catch (MigratingProcessInstanceValidationException e) {
                var report = e.getValidationReport();
                reasons.addAll(report.getFailures());
                report.getActivityInstanceReports().forEach(r -> r.getFailures()
                        .forEach(f -> reasons.add(r.getSourceScopeId() + ": " + f)));
                report.getTransitionInstanceReports().forEach(r -> r.getFailures()
                        .forEach(f -> reasons.add(r.getSourceScopeId() + ": " + f)));
            }
        });
        return reasons;
    }

    private Planned plan(String key, int fromVersion, int toVersion) {
        if (fromVersion == toVersion) {
            throw new BadInput("toVersion", "toVersion must differ from fromVersion.");
        }
        if (!FLOW_KEY.matcher(key).matches()) {
            throw new NotFound("No flow with this key is deployed.");
        }
        String source = definition(key, fromVersion, "fromVersion").getId();
        String target = definition(key, toVersion, "toVersion").getId();
        try {
            return new Planned(runtime.createMigrationPlan(source, target).mapEqualActivities().updateEventTriggers()
                    .build(), null);
        } catch (MigrationPlanValidationException e) {
            var problems = new ArrayList<String>();
            e.getValidationReport().getInstructionReports().forEach(r -> r.getFailures().forEach(f ->
                    problems.add(r.getMigrationInstruction().getSourceActivityId() + " → "
                            + r.getMigrationInstruction().getTargetActivityId() + ": " + f)));
            return new Planned(null, problems);
        }
    }

    private ProcessDefinition definition(String key, int version, String field) {
        if (version < 1) {
            throw new BadInput(field, field + " must be a version number, 1 or more.");
        }
        var definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .processDefinitionVersion(version).singleResult();
        if (definition == null) {
            throw new BadInput(field, "Flow '" + key + "' has no version " + version + ".");
        }
        return definition;
    }

    private record Planned(MigrationPlan plan, List<String> problems) {
    }

    /** One version: how many leads run on it, and how many wait at each activity (by its id). */
    record Version(int version, String definitionId, String name, long running, Map<String, Long> waitingAt) {
    }

    /**
     * What a move would do: of {@code total} running instances, {@code tried} were tried; those that would move and
     * those that would not, each with the engine's reasons. {@code planProblems} when the versions cannot be mapped.
     */
    record DryRun(long total, int tried, List<String> wouldMove, List<Refusal> wouldNotMove, List<String> planProblems) {
    }

    record Refusal(String processInstanceId, String businessKey, List<String> reasons) {
    }

    record Progress(String batchId, int totalJobs, long completedJobs, long failedJobs, boolean done) {
    }
}
