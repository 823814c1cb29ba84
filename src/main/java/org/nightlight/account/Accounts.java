package org.nightlight.account;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hibernate.SessionFactory;
import org.nightlight.audit.AuditLog;

/** People, their roles and language qualifications. */
public final class Accounts {

    /** A new person as an admin (or the set-up) describes them. */
    public record NewUser(String username, String displayName, String credentials, String password, Set<Role> roles,
            Set<Qualification> qualifications, boolean demo) {
    }

    /** A person as other services need them, detached from the session. */
    public record Person(long id, String username, String displayName, String credentials, boolean active,
            boolean demo, Set<Role> roles, Set<Qualification> qualifications) {

        public boolean has(Role role) {
            return active && roles.contains(role);
        }

        public boolean can(Capability capability, String languageCode) {
            return active && qualifications.contains(new Qualification(languageCode, capability));
        }
    }

    private final SessionFactory sessions;
    private final Passwords passwords;
    private final AuditLog audit;
    private final Clock clock;

    public Accounts(SessionFactory sessions, Passwords passwords, AuditLog audit, Clock clock) {
        this.sessions = sessions;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates an account on an admin's behalf. */
    public long createUser(Actor admin, NewUser spec) {
        return sessions.fromTransaction(s -> {
            User actor = s.find(User.class, admin.userId());
            if (actor == null || !actor.has(Role.ADMIN)) {
                throw new SecurityException("only an admin may create accounts");
            }
            return insert(s, admin, spec);
        });
    }

    /** Creates an account with no acting person: first-start set-up and demo content only. */
    public long createSystemUser(NewUser spec) {
        return sessions.fromTransaction(s -> insert(s, null, spec));
    }

    private long insert(org.hibernate.Session s, Actor actor, NewUser spec) {
        User user = new User(spec.username(), spec.displayName(), spec.credentials(), spec.demo());
        user.setRoles(spec.roles());
        user.setQualifications(spec.qualifications());
        if (spec.password() != null) {
            user.setPasswordHash(passwords.hash(spec.password()), clock.instant());
        }
        s.persist(user);
        s.flush();
        audit.record(s, actor, "USER_CREATED", null, null, null, spec.username() + " " + spec.roles());
        return user.id();
    }

    /** Gives every demo account a new password (demo mode prints it at each start). */
    public void resetDemoPasswords(String password) {
        String hash = passwords.hash(password);
        sessions.inTransaction(s -> s.createSelectionQuery("from User where demo", User.class).getResultList()
                .forEach(u -> u.setPasswordHash(hash, clock.instant())));
    }

    public Optional<Person> byUsername(String username) {
        return sessions.fromTransaction(s -> s.createSelectionQuery(
                "from User u left join fetch u.roles where u.username = :name", User.class)
                .setParameter("name", username)
                .getResultList().stream().findFirst().map(Accounts::person));
    }

    public Optional<Person> byId(long id) {
        return sessions.fromTransaction(s -> Optional.ofNullable(s.find(User.class, id)).map(Accounts::person));
    }

    public List<Person> all() {
        return sessions.fromTransaction(s -> s.createSelectionQuery("from User order by username", User.class)
                .getResultList().stream().map(Accounts::person).toList());
    }

    public long count() {
        return sessions.fromTransaction(s -> s.createSelectionQuery("select count(*) from User", Long.class)
                .getSingleResult());
    }

    static Person person(User u) {
        return new Person(u.id(), u.username(), u.displayName(), u.credentials(), u.active(), u.demo(), u.roles(),
                u.qualifications());
    }
}
