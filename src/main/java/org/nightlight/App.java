package org.nightlight;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.compression.gzip.GzipCompression;
import org.eclipse.jetty.compression.server.CompressionHandler;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.hibernate.SessionFactory;
import java.time.Clock;
import java.time.Period;
import org.nightlight.account.Accounts;
import org.nightlight.account.Passwords;
import org.nightlight.account.SecondFactors;
import org.nightlight.account.User;
import org.nightlight.audit.AuditEvent;
import org.nightlight.audit.AuditLog;
import org.nightlight.audit.AuditTrail;
import org.nightlight.checks.TranslationChecks;
import org.nightlight.content.Languages;
import org.nightlight.exchange.FaqImporter;
import org.nightlight.workflow.Policy;
import org.nightlight.workflow.Review;
import org.nightlight.workflow.Submission;
import org.nightlight.workflow.Workflow;
import org.nightlight.workflow.WorkflowQueries;
import org.nightlight.content.ContentItem;
import org.nightlight.content.Language;
import org.nightlight.content.Publication;
import org.nightlight.content.PublishedContent;
import org.nightlight.content.ReadModel;
import org.nightlight.content.Revision;
import org.nightlight.content.HelpNumbers;
import org.nightlight.content.Search;
import org.nightlight.content.SearchWords;
import org.nightlight.db.Autovacuum;
import org.nightlight.db.ContentChanges;
import org.nightlight.db.Database;
import org.nightlight.db.EmbeddedDatabase;
import org.nightlight.db.FailFastDataSource;
import org.nightlight.db.Persistence;
import org.nightlight.db.ServerRole;
import org.nightlight.admin.Admin;
import org.nightlight.demo.Demo;
import org.nightlight.feedback.ReaderFeedback;
import org.nightlight.metrics.Metrics;
import org.nightlight.notify.Notify;
import org.nightlight.site.FeedbackResource;
import org.nightlight.site.SearchResource;
import org.nightlight.site.SiteResource;
import org.nightlight.web.AdminSessions;
import org.nightlight.site.SitemapResource;
import org.nightlight.web.AllowedHosts;
import org.nightlight.web.BackgroundRenders;
import org.nightlight.web.CachedPages;
import org.nightlight.web.ChangedPages;
import org.nightlight.web.EncodedBodies;
import org.nightlight.web.ErrorPages;
import org.nightlight.web.HealthResource;
import org.nightlight.web.LanguageLink;
import org.nightlight.web.Markdown;
import org.nightlight.web.Messages;
import org.nightlight.web.PageCache;
import org.nightlight.web.PageCacheFilter;
import org.nightlight.web.RateLimiter;
import org.nightlight.web.StaticAssets;
import org.nightlight.web.RequestIds;
import org.nightlight.web.SafeErrorHandler;
import org.nightlight.web.ServletObjects;
import org.nightlight.web.Templates;
import org.nightlight.web.TrustedProxies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;

/**
 * The composition root: settings → database → migrations → Hibernate → services → web. Main and the tests
 * both build the application here; {@link #close()} stops it in reverse order.
 */
public final class App implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    static final Class<?>[] ENTITIES = {Language.class, ContentItem.class, Revision.class, Publication.class,
        User.class, Review.class, Submission.class, AuditEvent.class, org.nightlight.workflow.Comment.class};

    /** Reader feedback a client may send: enough for a reader, too few for a flood. */
    static final int FEEDBACK_PER_CLIENT = 5;
    static final java.time.Duration FEEDBACK_PERIOD = java.time.Duration.ofMinutes(10);
    static final long IDLE_TIMEOUT_MS = 10_000;

    /**
     * The server's connector: one selector thread per core, not Jetty's default of one per two. Cached pages are
     * answered on the thread that read the request ({@code CachedPages}), so with one selector on two cores every
     * hit queued behind one thread: bare Jetty answered 62,000-78,000 requests/s with one and 95,000-108,000 with
     * two (bench/README.md).
     */
    public static ServerConnector connector(Server jetty) {
        return new ServerConnector(jetty, 1, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Memory for rendered pages: a quarter of the heap, at least 64 MiB. A page counts twice its HTML (room for
     * its gzip and zstd variants, made on demand): a question page 30-45 KB, so 128 MiB (heap of 512 MiB) holds
     * some 3,000 pages.
     */
    static final long PAGE_CACHE_BYTES = Math.max(64L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 4);

    private final Settings settings;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final HikariDataSource dataSource;
    /** The pool as everything serving requests sees it: failing at once while PostgreSQL is unreachable. */
    private final FailFastDataSource database;
    private final SessionFactory sessions;
    private final ServerRole serverRole;
    /** Rendered public pages, dropped when any instance changes what readers see (NOTIFY), this one at once. */
    private final PageCache pageCache;
    /** Drops the cached pages a change affects: this instance's own changes at once, others' by NOTIFY. */
    private final ChangedPages changedPages;
    private final Metrics metrics = new Metrics();
    private final Services services;
    private Server server;
    private Admin admin;

    /** Everything the web faces and commands use, built once. */
    public record Services(Clock clock, PublishedContent published, Languages languages, Accounts accounts,
            Workflow workflow, WorkflowQueries queries, FaqImporter importer, Search search,
            ReaderFeedback feedback, AuditTrail auditTrail, SearchWords searchWords,
            SecondFactors secondFactors, HelpNumbers helpNumbers, ReadModel readModel, Notify notifications,
            org.nightlight.workbench.Glossary glossary) {
    }

    static {
        // Jersey and Jetty parts log through java.util.logging; send it to the same place as ours.
        System.setProperty("org.jboss.logging.provider", "slf4j");
        if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
            org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
            org.slf4j.bridge.SLF4JBridgeHandler.install();
        }
    }

    private App(Settings settings, Clock clock, java.util.function.UnaryOperator<javax.sql.DataSource> around) {
        this.settings = settings;
        this.pageCache = new PageCache(PAGE_CACHE_BYTES, clock, PageCache.FRESH_FOR);
        metrics.watch(pageCache);
        resources.add(metrics);
        try {
            String url = settings.dbUrl().orElse(null);
            String user = settings.dbUser();
            String password = settings.dbPassword();
            Database.Owner owner = new Database.Owner(url, settings.dbMigrationUser().orElse(user),
                    settings.dbMigrationUser().isPresent() ? settings.dbMigrationPassword() : password);
            if (url == null) {
                EmbeddedDatabase embedded = EmbeddedDatabase.start(settings.dataDir());
                resources.add(embedded);
                embedded.ensureServerRole();
                owner = new Database.Owner(embedded.jdbcUrl(), EmbeddedDatabase.OWNER_ROLE, embedded.ownerPassword());
                url = embedded.serverJdbcUrl();
                user = EmbeddedDatabase.SERVER_ROLE;
                password = embedded.serverPassword();
                LOG.info("embedded PostgreSQL running, data in {}", settings.dataDir());
            }
            dataSource = Database.pool(url, user, password);
            resources.add(dataSource);
            database = new FailFastDataSource(around.apply(dataSource));
            resources.add(database);
            // Hibernate is built (and checks its mapping) on another core while Flyway migrates; kept only when
            // no migration ran, else built again on the migrated schema
            var early = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> Persistence.sessionFactory(database, ENTITIES), App::startThread);
            AutoCloseable dropEarly = () -> early.thenAccept(SessionFactory::close);
            resources.add(dropEarly); // should the migration fail
            var migration = Database.migrate(owner, user, settings.reviewMonths());
            LOG.info("database schema at version {} ({} migrations applied now)",
                    migration.targetSchemaVersion != null ? migration.targetSchemaVersion
                            : migration.initialSchemaVersion,
                    migration.migrationsExecuted);
            metrics.watch(dataSource);
            serverRole = ServerRole.check(dataSource);
            if (!serverRole.safe()) {
                LOG.warn(serverRole.warning());
            }
            Autovacuum.warning(dataSource).ifPresent(LOG::warn);
            Markdown markdown = new Markdown();
            ReadModel readModel = new ReadModel(markdown::toHtml, markdown::toPlain);
            // while Hibernate is still being built: the check needs only a connection
            int stale = readModel.refreshStale(database);
            if (stale > 0) {
                LOG.info("read model: {} item(s) rebuilt from their live publications", stale);
            }
            resources.remove(dropEarly);
            sessions = sessionsAfter(migration.migrationsExecuted == 0, early);
            resources.add(sessions);
            PublishedContent published = new PublishedContent(sessions);
            changedPages = new ChangedPages(dataSource, pageCache, published::languagesChanged);
            services = services(settings, sessions, clock, published, changedPages, readModel, this::linkBase);
            resources.add(services.notifications());
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** The session factory built beside the migration if it still holds (no migration ran), else a new one. */
    private SessionFactory sessionsAfter(boolean schemaUnchanged,
            java.util.concurrent.CompletableFuture<SessionFactory> early) {
        if (schemaUnchanged) {
            try {
                return early.join();
            } catch (java.util.concurrent.CompletionException e) {
                LOG.debug("building Hibernate beside the migration failed; building it again", e.getCause());
            }
        } else {
            early.thenAccept(SessionFactory::close).exceptionally(e -> null);
        }
        return Persistence.sessionFactory(database, ENTITIES);
    }

    private static void startThread(Runnable task) {
        Thread thread = new Thread(task, "nightlight-start");
        thread.setDaemon(true);
        thread.start();
    }

    private static Services services(Settings settings, SessionFactory sessions, Clock clock,
            PublishedContent published, ChangedPages changedPages, ReadModel readModel,
            java.util.function.Supplier<String> linkBase) {
        Policy policy = new Policy(clock, Period.ofMonths(settings.reviewMonths()));
        Notify notify = new Notify(sessions, clock, policy, settings.mail(), linkBase);
        AuditLog audit = new AuditLog(clock, notify.listener());
        var glossary = new org.nightlight.workbench.Glossary(sessions, audit, policy);
        Passwords passwords = new Passwords();
        return new Services(clock,
                published,
                // at once here, on the others by NOTIFY: the languages in memory forgotten, a language taken off
                // the public site gone from the page cache, every other page rendered again behind
                new Languages(sessions, audit, changedPages::sharedPartsChanged),
                // rare: a reviewer's name or credentials, shown on every page they signed off
                new Accounts(sessions, passwords, audit, clock, changedPages::sharedPartsChanged),
                new Workflow(sessions, clock, audit, Period.ofMonths(settings.reviewMonths()),
                        changedPages::itemChanged, readModel, org.nightlight.workflow.CommentListener.NONE,
                        new TranslationChecks(glossary.forChecks())),
                new WorkflowQueries(sessions, clock),
                new FaqImporter(sessions, clock, audit),
                new Search(sessions),
                new ReaderFeedback(sessions),
                new AuditTrail(sessions),
                new SearchWords(sessions, audit, changedPages::everythingChanged), // rare: a search word
                new SecondFactors(sessions, passwords, audit, clock),
                new HelpNumbers(sessions, audit, changedPages::everythingChanged),
                readModel, notify, glossary);
    }

    /** The origin links in notification mail start with: NIGHTLIGHT_PUBLIC_URL, else this server's address. */
    private String linkBase() {
        return settings.publicUrl().orElseGet(() -> "http://"
                + (settings.bind().equals("0.0.0.0") || settings.bind().equals("::") ? "localhost" : settings.bind())
                + ":" + (server == null ? settings.port() : port()));
    }

    /** Connects to (or starts) the database and migrates it; no HTTP yet. */
    public static App open(Settings settings) {
        return open(settings, Clock.systemUTC());
    }

    /** As {@link #open(Settings)} with another clock for every service and the admin (tests of timeouts). */
    public static App open(Settings settings, Clock clock) {
        return new App(settings, clock, java.util.function.UnaryOperator.identity());
    }

    /** As above with {@code around} wrapped around the pool for every request's work (tests count statements). */
    public static App open(Settings settings, Clock clock, java.util.function.UnaryOperator<javax.sql.DataSource> around) {
        return new App(settings, clock, around);
    }

    public Services services() {
        return services;
    }

    public SessionFactory sessions() {
        return sessions;
    }

    private boolean databaseReachable() {
        try (java.sql.Connection c = database.getConnection()) {
            if (c.isValid(1)) {
                return true;
            }
            database.unreachable("a pooled connection no longer answers");
            return false;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    public PageCache pageCache() {
        return pageCache;
    }

    /** What the server's database role could do to the safeguards (nothing, when set up as the README says). */
    public ServerRole serverRole() {
        return serverRole;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** An unstarted server on the port (0 picks a free one); start() it, then read {@link #port()}. */
    public Server newServer(int port) {
        Messages messages = new Messages();
        StaticAssets assets = StaticAssets.load(StaticAssets.FILES);
        Templates templates = new Templates(messages, assets);

        SiteResource site = new SiteResource(services.published(), templates, messages, settings.demo(),
                settings.publicUrl());
        ResourceConfig config = new ResourceConfig()
                // no WADL: it described every admin address (and Jersey's version) to anyone who asked, and
                // building its JAXB model cost start-up time
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .register(site)
                .register(new SearchResource(services.search(), services.published(), site, templates, messages))
                .register(new FeedbackResource(services.published(), services.feedback(),
                        new RateLimiter(FEEDBACK_PER_CLIENT, FEEDBACK_PERIOD), site, templates, messages))
                .register(new org.nightlight.site.HelpNumbersResource(services.helpNumbers(),
                        site, templates, messages))
                .register(new SitemapResource(services.published(), settings.publicUrl()))
                .register(new HealthResource(database, serverRole))
                .register(new ErrorPages(templates, messages, () -> services.published().publicLanguages().stream()
                        .map(l -> new LanguageLink(l.code(), l.nativeName(), l.direction(),
                                "/language?to=" + l.code() + "&next=%2F" + l.code() + "%2F", false))
                        .toList(), this::databaseReachable));
        admin = Admin.register(config, templates, messages, services.clock(), services.accounts(),
                services.languages(), services.workflow(), services.queries(), services.feedback(),
                services.auditTrail(), services.searchWords(), services.helpNumbers(), services.secondFactors(),
                settings.secondFactor(),
                settings.https(), this::databaseReachable, services.notifications());
        admin.registerWorkbench(config, new org.nightlight.workbench.TranslationMemory(sessions), services.glossary());
        SafeErrorHandler errors = new SafeErrorHandler(messages);

        services.notifications().start();
        // Rendered public pages, dropped where they show what any instance changed (LISTEN/NOTIFY).
        resources.add(ContentChanges.listen(dataSource.getJdbcUrl(), dataSource.getUsername(),
                dataSource.getPassword(), changedPages));

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setSessionHandler(AdminSessions.handler(database, settings.https()));
        context.setContextPath("/");
        context.setErrorHandler(errors);
        context.addFilter(new FilterHolder(new RequestIds(settings.https())), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(assets), "/static/*", EnumSet.of(DispatcherType.REQUEST));
        PageCacheFilter renders = new PageCacheFilter(pageCache, settings.rendersAtOnce());
        metrics.watch(renders);
        context.addFilter(new FilterHolder(renders), "/*", EnumSet.of(DispatcherType.REQUEST));
        // last, so it keeps what the servlets get: Jersey's proxies are costly to call a template's worth of times
        context.addFilter(new FilterHolder(new ServletObjects()), "/*", EnumSet.of(DispatcherType.REQUEST));

        ServletHolder jersey = new ServletHolder("jersey", new ServletContainer(config));
        jersey.setInitOrder(1);
        context.addServlet(jersey, "/*");

        Server jetty = new Server();
        jetty.setErrorHandler(errors);
        ServerConnector connector = connector(jetty);
        var http = connector.getConnectionFactory(org.eclipse.jetty.server.HttpConnectionFactory.class)
                .getHttpConfiguration();
        http.setSendServerVersion(false); // say nothing a visitor could look up vulnerabilities by
        if (!settings.trustedProxies().isEmpty()) {
            http.addCustomizer(new TrustedProxies(settings.trustedProxies()));
        }
        connector.setHost(settings.bind());
        // a request body the client stops sending fails after this long (408), not Jetty's 30 s
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        connector.setPort(port);
        jetty.addConnector(connector);
        // gzip for text responses; it also suffixes ETags (--gzip) and strips that from If-None-Match
        CompressionHandler compression = new CompressionHandler(context);
        compression.putCompression(new GzipCompression());
        // metrics see every request; fresh cached public pages are answered before the servlet stack and
        // per-response compression
        jetty.setHandler(metrics.handler(settings.metricsFrom(),
                new EncodedBodies(new AllowedHosts(settings.allowedHosts(), new CachedPages(pageCache, compression)))));
        if (settings.publicUrl().isEmpty() && (settings.bind().equals("0.0.0.0") || settings.bind().equals("::"))) {
            LOG.warn("Listening on every interface without NIGHTLIGHT_PUBLIC_URL: only requests for {} are served;"
                    + " set NIGHTLIGHT_PUBLIC_URL (or NIGHTLIGHT_ALLOWED_HOSTS) to the site's address",
                    settings.allowedHosts());
        }
        jetty.setStopAtShutdown(false);
        jetty.setStopTimeout(5_000);
        context.addEventListener(new jakarta.servlet.ServletContextListener() {
            @Override
            public void contextInitialized(jakarta.servlet.ServletContextEvent event) {
                templates.attach(event.getServletContext());
            }
        });
        resources.add(BackgroundRenders.attach(jetty, pageCache));
        this.server = jetty;
        return jetty;
    }

    /** Demo mode (NIGHTLIGHT_DEMO): the demo content on the first start, the demo password at every start. */
    public void loadDemoIfWanted() {
        if (settings.demo()) {
            new Demo(sessions, services.accounts(), services.languages(), services.workflow(), services.queries(),
                    services.importer(), services.searchWords(), services.helpNumbers()).prepare(settings.demoPassword());
        }
    }

    /** The last server built. */
    public Server server() {
        return server;
    }

    /** The admin face of the last server built (set-up token). */
    public Admin admin() {
        return admin;
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** HTTP first, then Hibernate and the pool, then the embedded database. */
    @Override
    public void close() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("stopping HTTP failed", e);
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", resources.get(i), e);
            }
        }
        resources.clear();
    }
}
