namespace ImageStreamPS.OpenShift.Connection;

/// <summary>One entry of a Kubernetes <c>Status.details.causes</c> list (for example a field that failed validation).</summary>
/// <param name="Reason">Machine-readable cause, such as <c>FieldValueInvalid</c>.</param>
/// <param name="Message">Human-readable description.</param>
/// <param name="Field">The field path the cause refers to, such as <c>spec.tags[0].name</c>.</param>
public sealed record StatusCause(string? Reason, string? Message, string? Field);
