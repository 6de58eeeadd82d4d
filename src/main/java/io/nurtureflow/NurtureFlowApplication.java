package io.nurtureflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class NurtureFlowApplication {

    public static void main(String[] args) {
        SpringApplication.run(NurtureFlowApplication.class, args);
    }
}
