package se.samverkan.events.project;

/**
 * Where a work package is in its lifecycle: PLANNED, then ACTIVE once started, then COMPLETED. Whether it is
 * DELAYED is no lifecycle step but a reading of its dates against its planned end (the dashboard's schedule).
 */
public enum WorkPackageStatus { PLANNED, ACTIVE, COMPLETED }
