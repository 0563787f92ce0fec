package se.samverkan.events.security;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AccessTokenRevoked(String tokenId) {
}
