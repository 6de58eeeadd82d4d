package io.nurtureflow.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * The suite keeps several application contexts in one JVM, each with an engine named "default". Camunda's REST API
 * and webapps look their engine up in one static registry ({@link ProcessEngines}), which holds whichever context
 * started or stopped last: after a context is closed (@DirtiesContext) the others' /engine-rest answered "No process
 * engine available". Before each test, the test's own context's engine is the one registered.
 */
public class OwnProcessEngine extends AbstractTestExecutionListener {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        testContext.getApplicationContext().getBeanProvider(ProcessEngine.class)
                .ifAvailable(ProcessEngines::registerProcessEngine);
    }
}
