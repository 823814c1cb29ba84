package org.nightlight.notify;

/** How a person wants their notifications mailed. */
public enum Delivery { IMMEDIATE, DAILY_DIGEST }
