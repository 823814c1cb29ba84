package org.nightlight.db;

/** A backup or restore that cannot go ahead; the message tells the operator why and what to do. */
final class BackupException extends Exception {

    BackupException(String message) {
        super(message);
    }
}
