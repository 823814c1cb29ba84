package org.nightlight.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.messageresolver.IMessageResolver;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.standard.expression.OGNLVariableExpressionEvaluator;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/** Renders Thymeleaf pages from templates/ with UI text from {@link Messages}. */
public final class Templates {

    private final TemplateEngine engine = new TemplateEngine();
    private final Messages messages;
    private final StaticAssets assets;
    private volatile JakartaServletWebApplication application;
    /** A date formatter is costly to build and immutable: one per locale (bounded: a locale may come from a client). */
    private final Cache<Locale, Dates> dates = Caffeine.newBuilder().maximumSize(256).build();

    public Templates(Messages messages) {
        this(messages, StaticAssets.load());
    }

    /** {@code assets} gives templates the fingerprinted addresses of static files: ${assets.url('site.css')}. */
    public Templates(Messages messages, StaticAssets assets) {
        this.messages = messages;
        this.assets = assets;
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
        StandardDialect dialect = new StandardDialect();
        dialect.setVariableExpressionEvaluator(new AccessorChains(new OGNLVariableExpressionEvaluator(true)));
        engine.setDialect(dialect);
        engine.setMessageResolver(new BundleResolver(messages));
    }

    /** Called once the servlet context exists, so @{...} links know the context path. */
    public void attach(ServletContext context) {
        this.application = JakartaServletWebApplication.buildApplication(context);
    }

    public String render(HttpServletRequest request, HttpServletResponse response, String template, Locale locale,
            Map<String, ?> model) {
        HttpServletRequest servletRequest = ServletObjects.request(request);
        WebContext context = new WebContext(application.buildExchange(servletRequest,
                ServletObjects.response(servletRequest, response)), locale);
        model.forEach(context::setVariable);
        context.setVariable("dates", dates.get(locale, Dates::new));
        context.setVariable("assets", assets);
        return engine.process(template, context);
    }

    private record BundleResolver(Messages messages) implements IMessageResolver {

        @Override
        public String getName() {
            return "nightlight-bundles";
        }

        @Override
        public Integer getOrder() {
            return 0;
        }

        @Override
        public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] args) {
            Locale locale = context.getLocale() == null ? Locale.ENGLISH : context.getLocale();
            return messages.get(locale, key, args == null ? new Object[0] : args);
        }

        @Override
        public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
                Object[] args) {
            return "??" + key + "??";
        }
    }
}
