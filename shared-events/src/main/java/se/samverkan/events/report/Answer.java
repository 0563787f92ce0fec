package se.samverkan.events.report;

public enum Answer { YES, NO, NOT_APPLICABLE }
