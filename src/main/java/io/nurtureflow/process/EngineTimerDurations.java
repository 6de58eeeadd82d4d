package io.nurtureflow.process;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

import javax.xml.datatype.DatatypeFactory;

/**
 * Every duration timer the engine schedules (a lead's follow-up due, its silence and dormancy waits) is resolved
 * by a new {@link DatatypeFactory}, and {@link DatatypeFactory#newInstance()} looks its implementation up first in
 * the system property, then with a ServiceLoader scan of the whole classpath (the JDK's javadoc of newInstance
 * gives that order). Inside the packaged jar that scan opens every nested jar: 4 % of an intake's CPU went there.
 * Naming the JDK's own implementation, the one the scan ends with anyway, makes it a constant. A JVM started with
 * the property set keeps its choice. Public for the bare-engine bench, which runs the engine with the same setting.
 */
@Component
public class EngineTimerDurations extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
            System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY,
                    DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        }
    }
}
