using System.Management.Automation;
using ImageStreamPS.OpenShift.Images;

namespace ImageStreamPS.Commands;

/// <summary>
/// Refuses a -Namespace that is not an RFC 1123 label (as the API server validates namespaces) while
/// parameters are bound, so <c>-Namespace 'nosuch/../myproject'</c> never reaches a request.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateNamespaceAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = arguments is PSObject ps ? ps.BaseObject : arguments;
        if (value is string text && ImageStreamValidation.ValidateNamespace(text) is { } problem)
        {
            throw new ValidationMetadataException($"\"{text}\" is not a namespace name: {problem}");
        }
    }
}
