package se.samverkan.events.activity;

public enum MeetingKind { PLANNING, CHECK_IN, MAPPING, FOLLOW_UP, RETRO, THINK_TANK, OTHER }
