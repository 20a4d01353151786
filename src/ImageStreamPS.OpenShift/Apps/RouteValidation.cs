using System.Text.Json.Nodes;
using ImageStreamPS.OpenShift.Api;

namespace ImageStreamPS.OpenShift.Apps;

/// <summary>
/// What openshift-apiserver accepts as a Route (library-go <c>pkg/route/validation</c> <c>validateRoute</c>):
/// a DNS host, a path starting with <c>/</c> (none for passthrough), a Service backend with a weight of
/// 0–256, at most 3 alternate backends, a target port that is not 0 or empty, and a known TLS termination.
/// Like upstream it does not range-check a numeric target port: only 0 (and "") is refused.
/// </summary>
public static class RouteValidation
{
    /// <summary>The field errors of <paramref name="route"/> (empty when valid); metadata is left to the caller.</summary>
    public static List<FieldError> Validate(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var errors = new List<FieldError>();
        var spec = route.Spec ?? new RouteSpec();

        if (spec.Host is { Length: > 0 } host)
        {
            if (!NameValidation.IsDns1123Subdomain(host))
                errors.Add(FieldError.Invalid("spec.host", host, "host must conform to DNS 952 subdomain conventions"));
            if (route.Metadata?.Annotations?.TryGetValue("route.openshift.io/allow-non-dns-compliant-host", out var allow) != true || allow != "true")
            {
                foreach (var label in host.Split('.'))
                    errors.AddRange(NameValidation.Dns1123Label(label).Select(message => FieldError.Invalid("spec.host", host, message)));
            }
        }

        // Subdomain is strict: it was never used outside routes.
        if (spec.Subdomain is { Length: > 0 } subdomain)
        {
            if (subdomain.Length > NameValidation.Dns1123SubdomainMaxLength)
                errors.Add(FieldError.Invalid("spec.subdomain", subdomain, NameValidation.MaxLengthError(NameValidation.Dns1123SubdomainMaxLength)));
            foreach (var label in subdomain.Split('.'))
                if (NameValidation.Dns1123Label(label) is { Count: > 0 } problems)
                    errors.Add(FieldError.Invalid("spec.subdomain", label, string.Join(", ", problems)));
        }

        var passthrough = spec.Tls?.Termination == "passthrough";
        if (spec.Path is { Length: > 0 } path)
        {
            if (!path.StartsWith('/')) errors.Add(FieldError.Invalid("spec.path", path, "path must begin with /"));
            if (passthrough) errors.Add(FieldError.Invalid("spec.path", path, "passthrough termination does not support paths"));
        }

        var to = spec.To ?? new RouteTargetReference();
        if (string.IsNullOrEmpty(to.Name)) errors.Add(FieldError.Required("spec.to.name"));
        if (to.Kind != "Service") errors.Add(FieldError.Invalid("spec.to.kind", to.Kind ?? "", "must reference a Service"));
        if (to.Weight is < 0 or > 256) errors.Add(FieldError.Invalid("spec.to.weight", to.Weight.Value, "weight must be an integer between 0 and 256"));

        var backends = spec.AlternateBackends ?? [];
        if (backends.Count > 3) errors.Add(FieldError.Required("spec.alternateBackends", "cannot specify more than 3 alternate backends"));
        for (var i = 0; i < backends.Count; i++)
        {
            var backend = backends[i];
            if (string.IsNullOrEmpty(backend.Name)) errors.Add(FieldError.Required($"spec.alternateBackends[{i}].name"));
            if (backend.Kind != "Service") errors.Add(FieldError.Invalid($"spec.alternateBackends[{i}].kind", backend.Kind ?? "", "must reference a Service"));
            if (backend.Weight is < 0 or > 256)
                errors.Add(FieldError.Invalid($"spec.alternateBackends[{i}].weight", backend.Weight.Value, "weight must be an integer between 0 and 256"));
        }

        // intstr 0 or "": the only target ports the API refuses.
        if (spec.Port is { } port && (port.TargetPort?.Value is null or "" or "0"))
            errors.Add(FieldError.Required("spec.port.targetPort"));

        if (spec.Tls is { } tls)
        {
            switch (tls.Termination)
            {
                case "edge":
                    if (!string.IsNullOrEmpty(tls.DestinationCACertificate))
                        errors.Add(FieldError.Invalid("spec.tls.destinationCACertificate", "redacted destination ca certificate data",
                            "edge termination does not support destination certificates"));
                    break;
                case "passthrough":
                    if (!string.IsNullOrEmpty(tls.Certificate))
                        errors.Add(FieldError.Invalid("spec.tls.certificate", "redacted certificate data", "passthrough termination does not support certificates"));
                    if (!string.IsNullOrEmpty(tls.Key))
                        errors.Add(FieldError.Invalid("spec.tls.key", "redacted key data", "passthrough termination does not support certificates"));
                    if (!string.IsNullOrEmpty(tls.CaCertificate))
                        errors.Add(FieldError.Invalid("spec.tls.caCertificate", "redacted ca certificate data", "passthrough termination does not support certificates"));
                    if (!string.IsNullOrEmpty(tls.DestinationCACertificate))
                        errors.Add(FieldError.Invalid("spec.tls.destinationCACertificate", "redacted destination ca certificate data",
                            "passthrough termination does not support certificates"));
                    break;
                case "reencrypt":
                    break;
                default:
                    errors.Add(FieldError.NotSupported("spec.tls.termination", tls.Termination ?? "", "edge", "passthrough", "reencrypt"));
                    break;
            }
            if (tls.InsecureEdgeTerminationPolicy is { Length: > 0 } insecure && insecure is not ("Allow" or "None" or "Redirect"))
                errors.Add(FieldError.NotSupported("spec.tls.insecureEdgeTerminationPolicy", insecure, "Allow", "None", "Redirect"));
        }
        return errors;
    }
}
