# Get-Help is complete for every exported cmdlet: the build generates the MAML from the doc
# comments in the cmdlet files, and these tests fail on any cmdlet or parameter left without text.
BeforeDiscovery {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    $cmdlets = @((Get-Module ImageStreamPS).ExportedCmdlets.Values | Sort-Object Name | ForEach-Object {
            $cmdlet = $_
            $parameters = @($cmdlet.Parameters.Values |
                    Where-Object Name -NotIn ([System.Management.Automation.Cmdlet]::CommonParameters) |
                    ForEach-Object { @{ Cmdlet = $cmdlet.Name; Parameter = $_.Name } })
            @{ Name = $cmdlet.Name; Parameters = $parameters }
        })
}

BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    $moduleBase = (Get-Module ImageStreamPS).ModuleBase
    $helpFile = Join-Path $moduleBase 'en-US/ImageStreamPS.dll-Help.xml'
}

Describe 'The generated help file' {
    It 'is written next to the module, in en-US, as MAML' {
        $helpFile | Should -Exist
        ([xml] (Get-Content -Raw $helpFile)).helpItems.schema | Should -Be 'maml'
    }

    It 'has one entry per exported cmdlet' {
        $documented = @(([xml] (Get-Content -Raw $helpFile)).helpItems.command | ForEach-Object { $_.details.name })
        $exported = @((Get-Module ImageStreamPS).ExportedCmdlets.Keys)
        @($documented | Sort-Object) | Should -Be @($exported | Sort-Object)
    }

    It 'ships the about_ImageStreamPS topic' {
        $about = Get-Help about_ImageStreamPS | Out-String
        $about | Should -Match 'about_ImageStreamPS'
        $about | Should -Match 'SHORT DESCRIPTION'
        $about | Should -Match 'Start-OpenShiftSandbox'
    }
}

Describe 'Get-Help <Name>' -ForEach $cmdlets -AllowNullOrEmptyForEach {
    BeforeAll {
        $help = Get-Help $Name -Full
    }

    It 'comes from the generated help file, not the syntax PowerShell makes up' {
        $help.PSObject.TypeNames | Should -Contain 'MamlCommandHelpInfo'
    }

    It 'has a synopsis' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name *"
    }

    It 'has a description' {
        ($help.description.Text -join ' ').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code and an explanation' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty
            ($example.remarks.Text -join ' ').Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'shows its syntax with every parameter set' {
        $sets = (Get-Command $Name).ParameterSets
        @($help.syntax.syntaxItem).Count | Should -Be $sets.Count
    }

    It 'names what it outputs' {
        $outputs = @((Get-Command $Name).OutputType)
        if ($outputs) {
            ($help.returnValues.returnValue.type.name -join ' ') | Should -Match ([regex]::Escape($outputs[0].Name))
        }
        else {
            $help.returnValues.returnValue.type.name | Should -Be 'None'
        }
    }

    It 'describes -<Parameter>' -ForEach $Parameters -AllowNullOrEmptyForEach {
        $parameterHelp = (Get-Help $Cmdlet -Parameter $Parameter)
        ($parameterHelp.description.Text -join ' ').Trim() | Should -Not -BeNullOrEmpty
    }
}
