package io.nurtureflow.process;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultJobConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Holds this node's job executor still while the simulation moves the clock: acquisition stops, the batches
 * already running finish, and batches acquired earlier wait until the clock stands again. Otherwise the executor
 * picks up jobs while the clock is briefly at the jump's end and runs them at that instant instead of their own
 * due time (a push planned on the wrong day, an escalation hours early, one push sent by two attempts).
 */
@Component
class JobExecutorPause implements BeanPostProcessor {

    private static final String POOL = DefaultJobConfiguration.JobConfiguration.CAMUNDA_TASK_EXECUTOR_QUALIFIER;

    /** fair: once the simulation waits for the running batches, no queued batch starts ahead of it */
    private final ReentrantReadWriteLock batches = new ReentrantReadWriteLock(true);
    private final ObjectProvider<JobExecutor> executors;

    JobExecutorPause(ObjectProvider<JobExecutor> executors) {
        this.executors = executors;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String name) {
        if (POOL.equals(name) && bean instanceof ThreadPoolTaskExecutor pool) {
            pool.setTaskDecorator(this::gated);
        }
        return bean;
    }

    <T> T whilePaused(Supplier<T> work) {
        JobExecutor executor = executors.getIfAvailable();
        boolean acquiring = executor != null && executor.isActive();
        if (acquiring) {
            executor.shutdown();
        }
        batches.writeLock().lock();
        try {
            return work.get();
        } finally {
            batches.writeLock().unlock();
            if (acquiring) {
                executor.start();
            }
        }
    }

    private Runnable gated(Runnable batch) {
        return () -> {
            batches.readLock().lock();
            try {
                batch.run();
            } finally {
                batches.readLock().unlock();
            }
        };
    }
}
