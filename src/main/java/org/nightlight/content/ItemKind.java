package org.nightlight.content;

public enum ItemKind {
    TOPIC,
    QUESTION
}
