package se.samverkan.platform.web;

/** The token is valid but its role or project scope does not allow the request (HTTP 403). */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
