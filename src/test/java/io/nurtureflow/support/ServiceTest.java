package io.nurtureflow.support;

import io.nurtureflow.NurtureFlowApplication;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole service on a random port, on this run's database and seeded clock; one Spring context shared by all
 * such tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@DatabaseTest
// before Spring's extension, so the context starts on this run's clock
@ExtendWith(SeededClock.class)
@SpringBootTest(classes = NurtureFlowApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestDatabase.Profiles.class)
public @interface ServiceTest {
}
