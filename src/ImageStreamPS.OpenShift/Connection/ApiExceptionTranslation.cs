using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;

namespace ImageStreamPS.OpenShift.Connection;

/// <summary>Turns KubernetesClient, HTTP and kubeconfig exceptions into <see cref="OpenShiftApiException"/>.</summary>
internal static class ApiExceptionTranslation
{
    public static OpenShiftApiException? Translate(Exception exception)
    {
        switch (exception)
        {
            case OpenShiftApiException api:
                return api;
            case HttpOperationException http:
                return FromResponse(http);
            case KubernetesException { Status: { } status } kubernetes:
                return FromStatus(
                    status.Code, status.Reason, status.Message,
                    status.Details?.Kind, status.Details?.Name, status.Details?.Group,
                    status.Details?.Causes?.Select(c => new StatusCause(c.Reason, c.Message, c.Field)).ToList(),
                    request: null, kubernetes);
            case KubeConfigException or KubernetesClientException:
                return new OpenShiftApiException(ApiFailure.Configuration, "ConfigurationInvalid", exception.Message, innerException: exception);
            case TaskCanceledException { InnerException: TimeoutException } timeout:
                // HttpClient.Timeout elapsed; a cancellation requested by the caller has no TimeoutException inside.
                return FromTimeout(timeout, null, null);
            case HttpRequestException request:
                return FromTransport(request, server: null, request: null);
            default:
                return exception.InnerException is { } inner && exception is AggregateException ? Translate(inner) : null;
        }
    }

    /// <summary>
    /// A request that got no answer: refused or unreachable (<c>ConnectionFailed</c>: nothing was sent),
    /// a TLS handshake that failed, or a connection lost after the request went out (<c>ConnectionLost</c>;
    /// for a write that means it may have been applied, and the message says so).
    /// </summary>
    internal static OpenShiftApiException FromTransport(HttpRequestException exception, Uri? server, string? request, HttpMethod? method = null)
    {
        var where = server is null ? "the cluster" : server.GetLeftPart(UriPartial.Authority);
        if (Find<AuthenticationException>(exception) is { } tls)
        {
            return new OpenShiftApiException(
                ApiFailure.Certificate, "CertificateInvalid",
                $"The TLS connection to {where} could not be established: {tls.Message} " +
                "The server's certificate is not trusted by the session's certificate authority, or is not for this host name; check the kubeconfig's " +
                "certificate-authority and server address, or use -SkipCertificateCheck to connect without verifying it (insecure).",
                request: request, innerException: Bare(exception));
        }

        var detail = Find<SocketException>(exception)?.Message ?? exception.Message;
        var neverSent = exception.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;
        if (neverSent || method is null)
        {
            return new OpenShiftApiException(ApiFailure.Connection, "ConnectionFailed", $"Cannot connect to {where}: {detail}", request: request, innerException: Bare(exception));
        }

        var write = method != HttpMethod.Get && method != HttpMethod.Head;
        return new OpenShiftApiException(
            ApiFailure.Connection, "ConnectionLost",
            write
                ? $"The connection to {where} was lost after {request} was sent ({detail}), so it may have been applied. {OutcomeCheck.For(request)}"
                : $"The connection to {where} was lost while reading {request}: {detail}",
            request: request, innerException: Bare(exception));
    }

    /// <summary>A timed-out request: for a write whose outcome is unknown, the message says it may have been applied.</summary>
    internal static OpenShiftApiException FromTimeout(Exception timeout, string? request, HttpMethod? method)
    {
        var write = method is not null && method != HttpMethod.Get && method != HttpMethod.Head;
        return new OpenShiftApiException(
            ApiFailure.Timeout, "Timeout",
            write
                ? $"{request} got no answer in time, so it may have been applied. {OutcomeCheck.For(request)}"
                : "The request to the cluster timed out.",
            request: request, innerException: Bare(timeout));
    }

    // The exception without anything that could lead back to the request (and its Authorization header).
    private static Exception Bare(Exception exception) => new(exception.Message);

    private static OpenShiftApiException FromResponse(HttpOperationException exception)
    {
        var code = (int?)exception.Response?.StatusCode;
        var request = exception.Request is { } r ? RequestTrace.Describe(r.Method, r.RequestUri) : null;
        var body = exception.Response?.Content;
        if (!string.IsNullOrWhiteSpace(body) && TryParseStatus(body, out var status))
        {
            return FromStatus(status.Code ?? code, status.Reason, status.Message, status.Kind, status.Name, status.Group, status.Causes, request, null);
        }

        var phrase = exception.Response?.ReasonPhrase;
        var message = $"The server answered {code} {phrase}".TrimEnd() + (string.IsNullOrWhiteSpace(body) ? "." : $": {Shorten(body)}");
        // The KubernetesClient exception is not kept: it holds the request, and so its Authorization header.
        return FromStatus(code, null, message, null, null, null, null, request, null);
    }

    private static OpenShiftApiException FromStatus(
        int? code, string? reason, string? message, string? kind, string? name, string? group,
        IReadOnlyList<StatusCause>? causes, string? request, Exception? inner)
    {
        reason = string.IsNullOrEmpty(reason) ? ReasonFor(code) : reason;
        message = string.IsNullOrWhiteSpace(message) ? $"The server answered {code} {reason}." : message;
        if (reason == "Unauthorized")
        {
            // The API server says only "Unauthorized"; say which credentials.
            message = $"The server refused the session's credentials (401 Unauthorized: {message.TrimEnd('.')}). The token may be wrong or expired.";
        }

        return new OpenShiftApiException(ApiFailure.Status, reason, message, code, kind, name, group, causes, request, inner);
    }

    /// <summary>The reason Kubernetes gives each code when the body is not a Status (apimachinery's errors.reasonForError).</summary>
    private static string ReasonFor(int? code) => code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        409 => "Conflict",
        410 => "Gone",
        413 => "RequestEntityTooLarge",
        415 => "UnsupportedMediaType",
        422 => "Invalid",
        429 => "TooManyRequests",
        500 => "InternalError",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "Unknown",
    };

    private sealed record ParsedStatus(int? Code, string? Reason, string? Message, string? Kind, string? Name, string? Group, IReadOnlyList<StatusCause>? Causes);

    private static bool TryParseStatus(string body, out ParsedStatus status)
    {
        status = null!;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "kind") != "Status")
            {
                return false;
            }

            string? kind = null, name = null, group = null;
            List<StatusCause>? causes = null;
            if (root.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object)
            {
                kind = String(details, "kind");
                name = String(details, "name");
                group = String(details, "group");
                if (details.TryGetProperty("causes", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    causes = list.EnumerateArray()
                        .Where(c => c.ValueKind == JsonValueKind.Object)
                        .Select(c => new StatusCause(String(c, "reason"), String(c, "message"), String(c, "field")))
                        .ToList();
                }
            }

            int? code = root.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : null;
            status = new ParsedStatus(code, String(root, "reason"), String(root, "message"), kind, name, group, causes);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Shorten(string body)
    {
        var line = body.ReplaceLineEndings(" ").Trim();
        return line.Length <= 200 ? line : line[..200] + "...";
    }

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }
}
