package org.nightlight.db;

import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.hibernate.tool.schema.Action;

/** Builds Hibernate in code over our pool; the mapping is validated against the migrated schema. */
public final class Persistence {

    private Persistence() {
    }

    public static SessionFactory sessionFactory(DataSource dataSource, Class<?>... entities) {
        return new HibernatePersistenceConfiguration("nightlight")
                .managedClasses(entities)
                .property(JdbcSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .property("hibernate.jdbc.time_zone", "UTC")
                .property("hibernate.query.fail_on_pagination_over_collection_fetch", true)
                .schemaToolingAction(Action.VALIDATE)
                .createEntityManagerFactory();
    }
}
