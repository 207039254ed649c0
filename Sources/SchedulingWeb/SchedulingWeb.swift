/// # SchedulingWeb
///
/// The HTTP adapter (Hummingbird 2): the JSON API under `/api/v1`, server-rendered pages
/// (Mustache), `/health`, Prometheus `/metrics` and the OpenAPI document at `/openapi.json`.
/// Every route and the roles it allows are declared once, in ``RouteCatalogue``. Service errors
/// become RFC 9457 problem JSON here (and HTML error pages for browsers).
public enum SchedulingWebModule {}
