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

        public boolean isAdmin() {
            return has(Role.ADMIN);
        }

        public boolean isEditor() {
            return has(Role.EDITOR);
        }

        public boolean isClinician() {
            return has(Role.CLINICIAN);
        }

        public boolean isTranslator() {
            return has(Role.TRANSLATOR);
        }

        /** Languages in which this person may do this, sorted. */
        public java.util.List<String> languages(Capability capability) {
            return qualifications.stream().filter(q -> q.capability() == capability)
                    .map(Qualification::languageCode).sorted().toList();
        }
    }

    // compared against when the username is unknown, so both paths cost one Argon2 verification
    private static final String DUMMY_HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$VGhpcyBpcyBub3QgYSByZWFsIGhhc2ggYXQgYWxsISE";

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

    /**
     * The active person with this username and password. Unknown names still cost one hash, so timing
     * does not tell which usernames exist.
     */
    public Optional<Person> authenticate(String username, String password) {
        Optional<User> user = sessions.fromTransaction(s -> s.createSelectionQuery(
                "from User u left join fetch u.roles where u.username = :name", User.class)
                .setParameter("name", username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT))
                .getResultList().stream().findFirst());
        String hash = user.map(User::passwordHash).orElse(null);
        boolean matches = passwords.matches(password == null ? "" : password, hash == null ? DUMMY_HASH : hash)
                && hash != null;
        return matches && user.get().active() ? byId(user.get().id()) : Optional.empty();
    }

    /** Sign-ins and failed attempts go to the audit log; the name is recorded as typed, not the password. */
    public void recordLogin(String username, String client, boolean success) {
        sessions.inTransaction(s -> {
            Long id = s.createSelectionQuery("select id from User where username = :n", Long.class)
                    .setParameter("n", username).getResultList().stream().findFirst().orElse(null);
            String name = username.length() > 60 ? username.substring(0, 60) : username;
            String action = success ? "LOGIN" : "LOGIN_FAILED";
            if (id == null) {
                audit.recordAnonymous(s, client, action, name);
            } else {
                audit.record(s, new Actor(id, client), action, null, null, null, name);
            }
        });
    }

    /** A person changes their own password after proving the current one. */
    public boolean changePassword(Actor actor, String current, String replacement) {
        return sessions.fromTransaction(s -> {
            User user = s.find(User.class, actor.userId());
            if (user == null || !user.active() || !passwords.matches(current, user.passwordHash())) {
                return false;
            }
            user.setPasswordHash(passwords.hash(replacement), clock.instant());
            audit.record(s, actor, "PASSWORD_CHANGED", null, null, null, user.username());
            return true;
        });
    }

    /** Sets the first password, or a new one for a person who forgot theirs (admins only). */
    public void resetPassword(Actor admin, long userId, String password) {
        sessions.inTransaction(s -> {
            User actor = s.find(User.class, admin.userId());
            if (actor == null || !actor.has(Role.ADMIN)) {
                throw new SecurityException("only an admin may reset passwords");
            }
            User user = s.find(User.class, userId);
            if (user == null) {
                throw AccountException.notFound(userId);
            }
            user.setPasswordHash(passwords.hash(password), clock.instant());
            audit.record(s, admin, "PASSWORD_RESET", null, null, null, user.username());
        });
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
