package se.samverkan.platform.web;

/** The request conflicts with the current state: a duplicate, a stale version or a wrong lifecycle state (HTTP 409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
