package dev.roster.console;

import dev.roster.auth.BrowserSessions;
import dev.roster.auth.OperatorSessions;
import dev.roster.auth.SignInService;
import dev.roster.shared.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives each console handler the {@link Caller} of the request's browser session, with the permissions its user's
 * roles grant now; a request without a live session (or whose user is no longer active) fails with {@link
 * SignInRequired}. The operator's pages ({@code /console/operator/}) act instead as the platform or partner key of
 * the request's operator session ({@link OperatorSessions}), and a member's session does not reach them, nor an
 * operator's the members' pages. Only handlers of this package get it, so the API's callers stay the bearer
 * filter's.
 */
@Component
class ConsoleCallers implements HandlerMethodArgumentResolver {

    /** The request attribute that keeps the resolved caller, for the pages an exception handler renders. */
    static final String ATTRIBUTE = ConsoleCallers.class.getName();

    /** Where the operator's pages are. */
    static final String OPERATOR = "/console/operator/";

    private final BrowserSessions sessions;
    private final SignInService signIn;
    private final OperatorSessions operators;

    ConsoleCallers(BrowserSessions sessions, SignInService signIn, OperatorSessions operators) {
        this.sessions = sessions;
        this.signIn = signIn;
        this.operators = operators;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Caller.class)
                && parameter.getContainingClass().getPackageName().equals(ConsoleCallers.class.getPackageName());
    }

    @Override
    public Caller resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        return current(request)
                .orElseThrow(() -> new SignInRequired(
                        operatorPage(request) ? OPERATOR + "sign-in" : "/login", continuePath(request)));
    }

    /** The caller this request already resolved, for the pages an exception handler renders. */
    static Optional<Caller> cached(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Caller caller ? Optional.of(caller) : Optional.empty();
    }

    /** The caller of the request's session, looked up once a request; empty without a live session. */
    Optional<Caller> current(HttpServletRequest request) {
        Optional<Caller> known = cached(request);
        if (known.isPresent()) {
            return known;
        }
        Optional<Caller> caller = operatorPage(request)
                ? operators.current(request)
                : sessions.current(request).flatMap(signIn::callerFor);
        caller.ifPresent(found -> request.setAttribute(ATTRIBUTE, found));
        return caller;
    }

    private static boolean operatorPage(HttpServletRequest request) {
        return request.getRequestURI().startsWith(OPERATOR);
    }

    /** Where to come back after signing in: the page asked for, or the console's start for a form sent. */
    private static String continuePath(HttpServletRequest request) {
        if (!HttpMethod.GET.matches(request.getMethod())) {
            return operatorPage(request) ? OPERATOR + "organizations" : "/console";
        }
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null ? "" : "?" + query);
    }
}
