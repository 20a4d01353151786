namespace ImageStreamPS.OpenShift.Images;

/// <summary>The kind of a validation failure, as Kubernetes names it in Status causes.</summary>
public enum FieldErrorType
{
    /// <summary><c>FieldValueRequired</c>: "Required value".</summary>
    Required,
    /// <summary><c>FieldValueInvalid</c>: "Invalid value".</summary>
    Invalid,
}

/// <summary>
/// One validation failure, worded as the API server words it:
/// <c>metadata.name: Invalid value: "Citas": must match "[a-z0-9]+(?:[._-][a-z0-9]+)*"</c>.
/// </summary>
public sealed record FieldError(FieldErrorType Type, string Field, string? Value, string Detail)
{
    /// <summary>The Status cause reason (<c>FieldValueInvalid</c>, <c>FieldValueRequired</c>).</summary>
    public string Reason => Type == FieldErrorType.Required ? "FieldValueRequired" : "FieldValueInvalid";

    /// <summary>The cause message without the field: <c>Invalid value: "Citas": must match …</c>.</summary>
    public string Message => Type == FieldErrorType.Required
        ? $"Required value: {Detail}"
        : $"Invalid value: \"{Value}\": {Detail}";

    /// <summary>The full line: <c>field: message</c>.</summary>
    public override string ToString() => $"{Field}: {Message}";
}
