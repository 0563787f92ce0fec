package se.samverkan.events.pilot;

/** PROPOSED, then INCLUDED into the innovation system, then CONCLUDED; or WITHDRAWN while proposed or included. */
public enum PilotStatus { PROPOSED, INCLUDED, CONCLUDED, WITHDRAWN }
