package se.samverkan.events.security;

public enum Role { ADMIN, COORDINATOR, AUDITOR, PARTNER }
