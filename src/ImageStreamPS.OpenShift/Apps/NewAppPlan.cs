namespace ImageStreamPS.OpenShift.Apps;

/// <summary>What New-App will create for an image stream tag, as plain values for -WhatIf and messages.</summary>
public sealed record NewAppPlan(NewAppImage Image, NewAppObjects Objects)
{
    public string Name => Objects.Deployment.Metadata.Name;
    public string Namespace => Objects.Deployment.Metadata.NamespaceProperty;
    public string? ServiceName => Objects.Service?.Metadata.Name;
    public IReadOnlyList<int> Ports => Objects.Deployment.Spec.Template.Spec.Containers[0].Ports?.Select(p => p.ContainerPort).ToList() ?? [];
    public IReadOnlyList<string> Warnings => Objects.Warnings;
}
