package se.samverkan.events;

public enum Country { SE, NO }
