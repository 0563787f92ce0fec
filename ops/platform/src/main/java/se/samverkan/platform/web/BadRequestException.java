package se.samverkan.platform.web;

/** A query parameter that cannot be understood (HTTP 400), with what to send instead. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
