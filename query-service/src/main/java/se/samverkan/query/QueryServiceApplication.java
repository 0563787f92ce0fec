package se.samverkan.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class QueryServiceApplication {

    /** The settings live in query-service.yml, so both services can share one JVM in end-to-end tests. */
    public static final String CONFIG_NAME = "spring.config.name=query-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(QueryServiceApplication.class).properties(CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
