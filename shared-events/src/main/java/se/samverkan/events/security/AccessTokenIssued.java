package se.samverkan.events.security;

import org.axonframework.serialization.Revision;

import java.util.List;

/** An access token was issued. Only the SHA-256 hash of the secret token is ever stored. */
@Revision("1")
public record AccessTokenIssued(String tokenId, String name, Role role, List<String> projects, String tokenHash) {
}
