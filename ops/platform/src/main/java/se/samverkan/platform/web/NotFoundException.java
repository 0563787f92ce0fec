package se.samverkan.platform.web;

/** An id in the request names nothing that exists (HTTP 404). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
