package org.nightlight.account;

import java.util.EnumSet;
import java.util.Set;
import org.nightlight.account.Accounts.Person;

/** Who must sign in with a second factor (NIGHTLIGHT_SECOND_FACTOR); anyone may enrol voluntarily. */
public enum SecondFactorMode {
    /** Clinicians, editors and admins: those who can sign off, publish or change accounts. */
    STAFF,
    ALL,
    OPTIONAL;

    private static final Set<Role> STAFF_ROLES = EnumSet.of(Role.CLINICIAN, Role.EDITOR, Role.ADMIN);

    public boolean requires(Person person) {
        return switch (this) {
            case STAFF -> person.roles().stream().anyMatch(STAFF_ROLES::contains);
            case ALL -> true;
            case OPTIONAL -> false;
        };
    }
}
