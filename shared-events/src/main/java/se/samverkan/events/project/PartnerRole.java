package se.samverkan.events.project;

public enum PartnerRole { PARTNER, CO_FINANCIER, ASSOCIATED }
