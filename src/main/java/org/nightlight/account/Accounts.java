package org.nightlight.account;

import java.time.Clock;
import java.util.List;
import java.util.Map;
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
    /**
     * {@code passwordChangedAt}: sessions signed in before it have ended (null: never changed);
     * {@code sessionsEndedAt}: the same without a password change (an admin reset the second factor).
     */
    public record Person(long id, String username, String displayName, String credentials, boolean active,
            boolean demo, Set<Role> roles, Set<Qualification> qualifications, java.time.Instant passwordChangedAt,
            java.time.Instant sessionsEndedAt, Map<String, String> translatedCredentials) {

        /** The credentials readers of this language see: their own, else the default ones. */
        public String credentialsIn(String languageCode) {
            return translatedCredentials.getOrDefault(languageCode, credentials);
        }

        /** Sessions signed in at or before this time have ended; null when none has. */
        public java.time.Instant sessionsValidAfter() {
            if (passwordChangedAt == null || sessionsEndedAt != null && sessionsEndedAt.isAfter(passwordChangedAt)) {
                return sessionsEndedAt;
            }
            return passwordChangedAt;
        }

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
    private final Runnable signaturesChanged;

    /**
     * {@code signaturesChanged}: after a name or credentials change commits, as readers see them on every page
     * the person signed off, so this instance serves no page with the old ones.
     */
    public Accounts(SessionFactory sessions, Passwords passwords, AuditLog audit, Clock clock,
            Runnable signaturesChanged) {
        this.sessions = sessions;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
        this.signaturesChanged = signaturesChanged;
    }

    /**
     * What an admin may change about a person: not the username, the password or whether it is active.
     * {@code translatedCredentials}: language code to credentials, blank to use the default ones there; null
     * leaves every language as it is.
     */
    public record UserChanges(String displayName, String credentials, Set<Role> roles,
            Set<Qualification> qualifications, Map<String, String> translatedCredentials) {

        public UserChanges(String displayName, String credentials, Set<Role> roles,
                Set<Qualification> qualifications) {
            this(displayName, credentials, roles, qualifications, null);
        }
    }

    /** Creates an account on an admin's behalf; a username already in use is refused on the username field. */
    public long createUser(Actor admin, NewUser spec) {
        try {
            return sessions.fromTransaction(s -> {
                requireAdmin(s, admin, "create accounts");
                if (!s.createSelectionQuery("select id from User where username = :n", Long.class)
                        .setParameter("n", spec.username()).getResultList().isEmpty()) {
                    throw usernameTaken(spec.username());
                }
                return insert(s, admin, spec);
            });
        } catch (org.hibernate.exception.ConstraintViolationException e) {
            // two admins creating the same username at once: the unique key decides
            if (e.getKind() == org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE) {
                throw usernameTaken(spec.username());
            }
            throw e;
        }
    }

    /**
     * Changes a person's name, credentials, roles and language qualifications. Refused when it would leave no
     * active admin (an admin removing their own ADMIN role as the last one).
     */
    public void updateUser(Actor admin, long userId, UserChanges changes) {
        boolean signatureChanged = sessions.fromTransaction(s -> {
            lockAdminChanges(s);
            requireAdmin(s, admin, "change accounts");
            User user = find(s, userId);
            List<String> changed = new java.util.ArrayList<>();
            if (!user.displayName().equals(changes.displayName())) {
                changed.add("name: " + user.displayName() + " -> " + changes.displayName());
            }
            String credentials = changes.credentials() == null ? "" : changes.credentials();
            if (!user.credentials().equals(credentials)) {
                changed.add("credentials: " + user.credentials() + " -> " + credentials);
            }
            if (!user.roles().equals(changes.roles())) {
                changed.add("roles: " + sorted(user.roles()) + " -> " + sorted(changes.roles()));
            }
            if (!user.qualifications().equals(changes.qualifications())) {
                changed.add("qualifications: " + describe(user.qualifications()) + " -> "
                        + describe(changes.qualifications()));
            }
            if (changes.translatedCredentials() != null) {
                changeCredentials(user, changes.translatedCredentials(), changed);
            }
            user.rename(changes.displayName(), credentials);
            user.setRoles(changes.roles());
            user.setQualifications(changes.qualifications());
            s.flush();
            requireAnActiveAdmin(s, "roles");
            audit.record(s, admin, "USER_UPDATED", null, null, null,
                    user.username() + (changed.isEmpty() ? ": no change" : ": " + String.join("; ", changed)));
            return changed.stream().anyMatch(c -> c.startsWith("name: ") || c.startsWith("credentials"));
        });
        if (signatureChanged) {
            signaturesChanged.run();
        }
    }

    /** Sets a person's credentials in some languages (blank: the default ones there), in the audit trail. */
    public void setCredentials(Actor admin, long userId, Map<String, String> byLanguage) {
        sessions.inTransaction(s -> {
            requireAdmin(s, admin, "change accounts");
            User user = find(s, userId);
            List<String> changed = new java.util.ArrayList<>();
            changeCredentials(user, byLanguage, changed);
            s.flush();
            audit.record(s, admin, "USER_UPDATED", null, null, null,
                    user.username() + (changed.isEmpty() ? ": no change" : ": " + String.join("; ", changed)));
        });
        signaturesChanged.run();
    }

    /** Each language's change as "credentials (fr): old -> new", in language-code order. */
    private static void changeCredentials(User user, Map<String, String> byLanguage, List<String> changed) {
        for (String lang : new java.util.TreeSet<>(byLanguage.keySet())) {
            String before = user.translatedCredentials().getOrDefault(lang, "");
            String after = byLanguage.get(lang) == null ? "" : byLanguage.get(lang).strip();
            if (!before.equals(after)) {
                changed.add("credentials (" + lang + "): " + before + " -> " + after);
                user.setCredentials(lang, after);
            }
        }
    }

    /**
     * Deactivates (never deletes) or reactivates a person. A deactivated person cannot sign in, and their open
     * session ends at its next request. Refused when it would leave no active admin.
     */
    public void setActive(Actor admin, long userId, boolean active) {
        sessions.inTransaction(s -> {
            lockAdminChanges(s);
            requireAdmin(s, admin, active ? "reactivate accounts" : "deactivate accounts");
            User user = find(s, userId);
            if (active) {
                user.reactivate();
            } else {
                user.deactivate();
            }
            s.flush();
            requireAnActiveAdmin(s, "active");
            audit.record(s, admin, active ? "USER_REACTIVATED" : "USER_DEACTIVATED", null, null, null,
                    user.username());
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
            if (id == null) {
                audit.recordAnonymous(s, client, success ? "LOGIN" : "LOGIN_FAILED", name);
            } else {
                audit.record(s, new Actor(id, client), success ? "LOGIN" : "LOGIN_FAILED", null, null, null, name);
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
            requireAdmin(s, admin, "reset passwords");
            User user = find(s, userId);
            user.setPasswordHash(passwords.hash(password), clock.instant());
            audit.record(s, admin, "PASSWORD_RESET", null, null, null, user.username());
        });
    }

    /** A secret every instance shares (V9 made it once), such as the key that signs the sign-in form's token. */
    public byte[] serverSecret(String name) {
        return sessions.fromTransaction(s -> s.createNativeQuery(
                "select secret from server_secrets where name = :name", byte[].class)
                .setParameter("name", name).getSingleResult());
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

    /** Everyone, by username, with roles and qualifications fetched in the same query. */
    public List<Person> all() {
        return sessions.fromTransaction(s -> s.createSelectionQuery("select distinct u from User u"
                + " left join fetch u.roles left join fetch u.qualifications left join fetch u.translatedCredentials"
                + " order by u.username", User.class)
                .getResultList().stream().map(Accounts::person).toList());
    }

    public long count() {
        return sessions.fromTransaction(s -> s.createSelectionQuery("select count(*) from User", Long.class)
                .getSingleResult());
    }

    private static void requireAdmin(org.hibernate.Session s, Actor admin, String what) {
        User actor = admin == null ? null : s.find(User.class, admin.userId());
        if (actor == null || !actor.has(Role.ADMIN)) {
            throw new SecurityException("only an admin may " + what);
        }
    }

    private static User find(org.hibernate.Session s, long userId) {
        User user = s.find(User.class, userId);
        if (user == null) {
            throw AccountException.notFound(userId);
        }
        return user;
    }

    /** Changes that could remove the last admin run one at a time, so two cannot each remove the other. */
    private static void lockAdminChanges(org.hibernate.Session s) {
        s.doWork(connection -> {
            try (var statement = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
                statement.setLong(1, 0x4e4c_4144_4d49_4eL); // "NLADMIN"
                statement.execute();
            }
        });
    }

    private static void requireAnActiveAdmin(org.hibernate.Session s, String field) {
        long admins = s.createSelectionQuery(
                "select count(distinct u.id) from User u join u.roles r where r = :admin and u.active", Long.class)
                .setParameter("admin", Role.ADMIN).getSingleResult();
        if (admins == 0) {
            throw new AccountException(field, "admin.users.lastAdmin", "this would leave no active admin");
        }
    }

    private static AccountException usernameTaken(String username) {
        return new AccountException("username", "admin.users.usernameTaken", "username " + username + " is in use");
    }

    private static List<String> sorted(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toList();
    }

    private static List<String> describe(Set<Qualification> qualifications) {
        return qualifications.stream().map(q -> q.languageCode() + ":" + q.capability()).sorted().toList();
    }

    static Person person(User u) {
        return new Person(u.id(), u.username(), u.displayName(), u.credentials(), u.active(), u.demo(), u.roles(),
                u.qualifications(), u.passwordChangedAt(), u.sessionsEndedAt(), Map.copyOf(u.translatedCredentials()));
    }
}
