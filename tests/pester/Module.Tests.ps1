BeforeAll {
    $modulePath = $env:IMAGESTREAMPS_MODULE_PATH
    Import-Module $modulePath -Force
}

Describe 'The ImageStreamPS module' {
    It 'imports from the published folder with the manifest version' {
        (Get-Module ImageStreamPS).Version | Should -Be ([version] (Import-PowerShellDataFile $modulePath).ModuleVersion)
    }

    It 'keeps the engine out of the module folder, in dependencies/' {
        Join-Path (Split-Path $modulePath) 'dependencies/ImageStreamPS.OpenShift.dll' | Should -Exist
        Join-Path (Split-Path $modulePath) 'ImageStreamPS.OpenShift.dll' | Should -Not -Exist
    }
}
