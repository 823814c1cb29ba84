package org.nightlight.content;

import java.util.List;
import org.hibernate.SessionFactory;
import org.nightlight.account.Actor;
import org.nightlight.account.Role;
import org.nightlight.account.User;
import org.nightlight.audit.AuditLog;

/** Adding and configuring content languages (admins only). */
public final class Languages {

    private final SessionFactory sessions;
    private final AuditLog audit;

    public Languages(SessionFactory sessions, AuditLog audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    public void add(Actor actor, String code, String nativeName, String englishName, String direction,
            String searchConfig, boolean isPublic) {
        sessions.inTransaction(s -> {
            User user = s.find(User.class, actor.userId());
            if (user == null || !user.has(Role.ADMIN)) {
                throw new SecurityException("only an admin may add languages");
            }
            Integer max = s.createSelectionQuery("select max(position) from Language", Integer.class)
                    .getSingleResult();
            s.persist(new Language(code, nativeName, englishName, direction, searchConfig, isPublic,
                    max == null ? 0 : max + 1));
            audit.record(s, actor, "LANGUAGE_ADDED", null, code, null, englishName + (isPublic ? " (public)" : ""));
        });
    }

    public List<Language> all() {
        return sessions.fromTransaction(s -> s.createSelectionQuery("from Language order by position, code",
                Language.class).getResultList());
    }
}
