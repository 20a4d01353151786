@{
    RootModule             = 'ImageStreamPS.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Core')
    GUID                   = '5a0d3f5e-6c1b-4f57-9a77-1f0b7c3d2e41'
    Author                 = 'ImageStreamPS contributors'
    CompanyName            = 'ImageStreamPS'
    Copyright              = '(c) ImageStreamPS contributors. Apache-2.0.'
    Description            = 'Manage OpenShift image streams, image tags and the rollouts they drive, with pipeline objects over a shared cluster session. Ships a local OpenShift-compatible sandbox.'
    PowerShellVersion      = '7.4'
    FormatsToProcess       = @(
        'Formats/OpenShiftSession.Format.ps1xml'
        'Formats/OpenShiftSandbox.Format.ps1xml'
        'Formats/ImageStream.Format.ps1xml'
        'Formats/ImageTag.Format.ps1xml'
        'Formats/AppRollout.Format.ps1xml'
        'Formats/AppRoute.Format.ps1xml'
        'Formats/OpenShiftProject.Format.ps1xml'
        'Formats/App.Format.ps1xml'
        'Formats/AppService.Format.ps1xml'
        'Formats/AppRolloutRevision.Format.ps1xml'
        'Formats/ImageDetails.Format.ps1xml'
        'Formats/ImageTagHistoryItem.Format.ps1xml'
    )
    TypesToProcess         = @('Types/ImageStreamPS.Types.ps1xml')
    CmdletsToExport        = @(
        'Get-OpenShiftSandbox'
        'Stop-OpenShiftSandbox'
        'Start-OpenShiftSandbox'
        'Connect-OpenShift'
        'Disconnect-OpenShift'
        'Get-OpenShiftSession'
        'Set-OpenShiftSession'
        'Get-OpenShiftProject'
        'New-OpenShiftProject'
        'Remove-OpenShiftProject'
        'New-ImageStream'
        'Get-ImageStream'
        'Remove-ImageStream'
        'Get-ImageTag'
        'Import-ImageTag'
        'Set-ImageTag'
        'Remove-ImageTag'
        'Undo-ImageTag'
        'ConvertTo-OpenShiftYaml'
        'New-App'
        'New-AppRoute'
        'Get-AppRollout'
        'Get-App'
        'Remove-App'
        'Get-AppRoute'
        'Remove-AppRoute'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('OpenShift', 'Kubernetes', 'ImageStream', 'Containers', 'DevOps', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ProjectUri   = 'https://github.com/imagestreamps/ImageStreamPS'
            ReleaseNotes = 'First release: sessions, the local sandbox, image streams, image tags, apps and rollouts.'
        }
    }
}
