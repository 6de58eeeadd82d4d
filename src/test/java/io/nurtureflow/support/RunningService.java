package io.nurtureflow.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a {@link ServiceTest} works with: the API of the running service, and its database to look into. */
public abstract class RunningService {

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate db;
    protected Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }
}
