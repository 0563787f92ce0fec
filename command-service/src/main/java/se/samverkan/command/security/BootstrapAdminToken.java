package se.samverkan.command.security;

import se.samverkan.platform.security.Tokens;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import se.samverkan.platform.settings.SamverkanSettings;
import se.samverkan.command.security.AccessToken.IssueAccessToken;
import se.samverkan.events.security.Role;
import se.samverkan.platform.eventstore.AuditMetadata;

import java.util.List;
import java.util.Map;

/**
 * Without SAMVERKAN_ADMIN_TOKEN, the first start issues an admin token and prints it once; only its
 * hash is kept, so it cannot be shown again (issue another with it, or set SAMVERKAN_ADMIN_TOKEN).
 */
@Component
public class BootstrapAdminToken implements ApplicationRunner {

    static final String TOKEN_ID = "bootstrap-admin";
    private static final Logger log = LoggerFactory.getLogger(BootstrapAdminToken.class);

    private final SamverkanSettings settings;
    private final AccessTokenDirectory directory;
    private final CommandGateway commandGateway;

    public BootstrapAdminToken(SamverkanSettings settings, AccessTokenDirectory directory, CommandGateway commandGateway) {
        this.settings = settings;
        this.directory = directory;
        this.commandGateway = commandGateway;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.hasAdminToken() || directory.exists(TOKEN_ID)) {
            return;
        }
        String token = Tokens.newToken();
        commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new IssueAccessToken(TOKEN_ID, "Generated admin token", Role.ADMIN, List.of(), Tokens.hash(token)))
                .andMetaData(Map.of(AuditMetadata.USER_ID, "system", AuditMetadata.ROLE, "SYSTEM")));
        log.warn("Generated an admin token. It is shown only this once; keep it safe.");
        System.out.println();
        System.out.println("  Samverkan admin token (shown once): " + token);
        System.out.println();
    }
}
