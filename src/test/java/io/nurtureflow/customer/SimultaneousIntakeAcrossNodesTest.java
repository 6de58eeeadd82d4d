package io.nurtureflow.customer;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.context.TestPropertySource;

/**
 * The same 50 simultaneous intakes with nothing queued in the JVM, as when they reach different nodes: the
 * database's identity key and the retried transactions alone keep one customer and one lifecycle. MariaDB only:
 * the production database is the one whose locking this is about (H2 gives up on a lock wait after a second).
 */
@EnabledIfSystemProperty(named = "nurture.test.db", matches = "mariadb")
@TestPropertySource(properties = "nurture.customer.queue-intakes=false")
class SimultaneousIntakeAcrossNodesTest extends SimultaneousIntakeTest {
}
