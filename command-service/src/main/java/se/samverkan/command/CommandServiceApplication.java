package se.samverkan.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandServiceApplication {

    /** The settings live in command-service.yml, so both services can share one JVM in end-to-end tests. */
    public static final String CONFIG_NAME = "spring.config.name=command-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(CommandServiceApplication.class).properties(CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
