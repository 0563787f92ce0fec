package se.samverkan.platform.settings;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Binds DESIGN.md's settings (samverkan.*) once for whichever service runs. */
@AutoConfiguration
@EnableConfigurationProperties(SamverkanSettings.class)
public class SettingsAutoConfiguration {
}
