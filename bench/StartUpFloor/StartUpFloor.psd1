# The floor module's manifest: ImageStreamPS.psd1's shape (a binary root module, explicit export lists),
# without format and type files; the benchmark adds those for its "floor with the format and type files" row.
@{
    RootModule           = 'StartUpFloor.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '0b6f3c1e-7c55-4f1e-9a7e-2d9d5b1c0a11'
    PowerShellVersion    = '7.4'
    CmdletsToExport      = @('Get-StartUpFloor')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
}
