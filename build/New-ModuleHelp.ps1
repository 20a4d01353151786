<#
.SYNOPSIS
    Writes the module's MAML help (en-US/ImageStreamPS.dll-Help.xml) from the XML doc comments in
    the cmdlet source files.
.DESCRIPTION
    Help has one source: the doc comments next to the code. The C# compiler collects them into
    ImageStreamPS.xml; this script joins them with the command metadata PowerShell itself reflects
    from the compiled cmdlet classes ([Cmdlet] verb and noun, parameter sets, positions, pipeline
    binding, mandatory flags, aliases, wildcards, [OutputType]) and writes the MAML file Get-Help
    reads. Run it in a fresh pwsh (build.ps1 does), so the build's own process never loads the
    module's assemblies.

    Where the doc comments come from, per cmdlet class:
      <summary>                       the synopsis
      <remarks>                       the description (each <para> a paragraph)
      <example><code>PS> …</code><para>what it does</para></example>   one example each
    and per public parameter property its <summary> (on the declaring class, so parameters the base
    cmdlet defines are documented once). Missing text is left empty: the Help tests fail on it.
#>
[CmdletBinding()]
param(
    # The published manifest (out/ImageStreamPS/ImageStreamPS.psd1).
    [Parameter(Mandatory)] [string] $ModulePath,
    # The compiler's documentation file (ImageStreamPS.xml).
    [Parameter(Mandatory)] [string] $DocumentationPath,
    # Where to write the MAML file.
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$module = Import-Module (Resolve-Path $ModulePath).ProviderPath -PassThru -Force
[xml] $documentation = Get-Content -Raw $DocumentationPath

$members = @{}
foreach ($member in $documentation.doc.members.member) { $members[$member.name] = $member }

# Parameters every cmdlet has; Get-Help prints them as <CommonParameters>.
# WhatIf and Confirm are documented per cmdlet (standard text), as PowerShell's own help does.
$commonParameters = [System.Collections.Generic.HashSet[string]]::new([string[]] @(
        [System.Management.Automation.Cmdlet]::CommonParameters + 'UseTransaction'))
$riskParameters = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run and nothing is changed on the cluster.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}
# -First, -Skip and -IncludeTotalCount of cmdlets with SupportsPaging, documented as PowerShell documents them.
$pagingParameters = @{
    First             = 'Gets only the first N objects; a list stops reading once it has them (no further page is requested).'
    Skip              = 'Leaves out the first N objects.'
    IncludeTotalCount = 'Also writes, after the objects, how many were found: exact when everything was read, unknown when -First stopped the reading.'
}

function Get-DocumentationId([type] $Type) { $Type.FullName -replace '\+', '.' }

function ConvertTo-Paragraphs {
    # Turns a doc comment element into plain paragraphs: <para> splits, <c>/<see>/<paramref> inline.
    param([System.Xml.XmlNode] $Node)
    if ($null -eq $Node) { return @() }
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $current = [System.Text.StringBuilder]::new()
    function Add-Current {
        # Plain-text conventions work too: a blank line ends a paragraph, a line starting with
        # "- " starts a list item; other line breaks are just spaces.
        foreach ($block in ($current.ToString() -split '\r?\n[ \t]*\r?\n')) {
            foreach ($item in ($block -split '\r?\n(?=[ \t]*[-*] )')) {
                $text = ($item -replace '\s+', ' ').Trim()
                if ($text) { $paragraphs.Add($text) }
            }
        }
        [void] $current.Clear()
    }
    function Add-Node([System.Xml.XmlNode] $child) {
        switch ($child.NodeType) {
            'Text' { [void] $current.Append($child.Value); return }
            'CDATA' { [void] $current.Append($child.Value); return }
            'Whitespace' { [void] $current.Append(' '); return }
            'SignificantWhitespace' { [void] $current.Append(' '); return }
            'Element' {
                switch ($child.LocalName) {
                    'para' { Add-Current; foreach ($c in $child.ChildNodes) { Add-Node $c }; Add-Current; return }
                    'see' {
                        $reference = if ($child.HasAttribute('langword')) { $child.GetAttribute('langword') }
                        elseif ($child.HasAttribute('href')) { if ($child.InnerText) { $child.InnerText } else { $child.GetAttribute('href') } }
                        elseif ($child.InnerText) { $child.InnerText }
                        else { ($child.GetAttribute('cref') -replace '^\w:', '' -split '\.')[-1] }
                        [void] $current.Append($reference); return
                    }
                    'paramref' { [void] $current.Append('-' + $child.GetAttribute('name')); return }
                    'typeparamref' { [void] $current.Append($child.GetAttribute('name')); return }
                    'list' {
                        Add-Current
                        foreach ($item in $child.SelectNodes('item')) {
                            [void] $current.Append('- ')
                            foreach ($c in $item.ChildNodes) { Add-Node $c }
                            Add-Current
                        }
                        return
                    }
                    default { foreach ($c in $child.ChildNodes) { Add-Node $c }; return }
                }
            }
        }
    }
    foreach ($child in $Node.ChildNodes) { Add-Node $child }
    Add-Current
    , $paragraphs.ToArray()
}

function Format-Code([string] $Code) {
    # Keeps the example's line breaks, drops the indentation the documentation file gave it
    # (a first line written right after <code> has none, so it does not count).
    $lines = @($Code -split "\r?\n")
    $first = if ($lines[0].Trim()) { $lines[0].Trim() } else { $null }
    $rest = @($lines | Select-Object -Skip 1)
    while ($rest.Count -and -not $rest[-1].Trim()) { $rest = @($rest | Select-Object -SkipLast 1) }
    $indents = @($rest | Where-Object { $_.Trim() } | ForEach-Object { $_.Length - $_.TrimStart().Length })
    $indent = if ($indents.Count) { ($indents | Measure-Object -Minimum).Minimum } else { 0 }
    $body = @($rest | ForEach-Object { if ($_.Length -ge $indent) { $_.Substring($indent).TrimEnd() } else { $_.Trim() } })
    (@($first) + $body | Where-Object { $null -ne $_ }) -join "`n"
}

function Get-TypeName([type] $Type) {
    # The short name Get-Help users know: String[], Hashtable, SwitchParameter, ImageStream.
    if ($Type.IsArray) { return (Get-TypeName $Type.GetElementType()) + '[]' }
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { return (Get-TypeName $underlying) + '?' }
    $Type.Name
}

function Get-PipelineInput($Parameter) {
    $kinds = @()
    if ($Parameter.ValueFromPipeline) { $kinds += 'ByValue' }
    if ($Parameter.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Get-DefaultValue([type] $CmdletType, [System.Reflection.PropertyInfo] $Property) {
    # A fresh cmdlet object holds each parameter's initial value; only meaningful ones are shown.
    try {
        $value = $Property.GetValue([Activator]::CreateInstance($CmdletType))
    }
    catch { return 'None' }
    if ($null -eq $value) { return 'None' }
    if ($value -is [System.Management.Automation.SwitchParameter]) { return $(if ($value.IsPresent) { 'True' } else { 'False' }) }
    if ($value -is [string] -and -not $value) { return 'None' }
    if ($value -is [System.Collections.ICollection] -and $value.Count -eq 0) { return 'None' }
    if ($value -is [ValueType] -and $value -eq [Activator]::CreateInstance($value.GetType())) { return 'None' }
    "$value"
}

$xml = [System.Xml.XmlWriter]
$maml = 'http://schemas.microsoft.com/maml/2004/10'
$commandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
New-Item -ItemType Directory -Force (Split-Path $OutputPath) | Out-Null
$writer = $xml::Create($OutputPath, $settings)

function Write-Paragraphs([string[]] $Paragraphs) {
    $writer.WriteStartElement('maml', 'description', $maml)
    if (-not $Paragraphs) { $Paragraphs = @('') }
    foreach ($p in $Paragraphs) { $writer.WriteElementString('maml', 'para', $maml, $p) }
    $writer.WriteEndElement()
}

function Write-Parameter($Parameter, [hashtable] $Info, [switch] $InSyntax) {
    $position = if ($Parameter.Position -ge 0) { "$($Parameter.Position)" } else { 'named' }
    $aliases = if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }
    $isSwitch = $Parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]
    $writer.WriteStartElement('command', 'parameter', $commandNs)
    $writer.WriteAttributeString('required', "$($Parameter.IsMandatory)".ToLowerInvariant())
    $writer.WriteAttributeString('variableLength', "$($Parameter.ParameterType.IsArray)".ToLowerInvariant())
    $writer.WriteAttributeString('globbing', "$($Info.Globbing)".ToLowerInvariant())
    $writer.WriteAttributeString('pipelineInput', (Get-PipelineInput $Parameter))
    $writer.WriteAttributeString('position', $position)
    $writer.WriteAttributeString('aliases', $aliases)
    $writer.WriteElementString('maml', 'name', $maml, $Parameter.Name)
    Write-Paragraphs $Info.Description
    if (-not ($InSyntax -and $isSwitch)) {
        $writer.WriteStartElement('command', 'parameterValue', $commandNs)
        $writer.WriteAttributeString('required', "$(-not $isSwitch)".ToLowerInvariant())
        $writer.WriteAttributeString('variableLength', "$($Parameter.ParameterType.IsArray)".ToLowerInvariant())
        $writer.WriteString((Get-TypeName $Parameter.ParameterType))
        $writer.WriteEndElement()
    }
    $writer.WriteStartElement('dev', 'type', $dev)
    $writer.WriteElementString('maml', 'name', $maml, (Get-TypeName $Parameter.ParameterType))
    $writer.WriteElementString('maml', 'uri', $maml, '')
    $writer.WriteEndElement()
    if ($Info.Values) {
        $writer.WriteStartElement('command', 'parameterValueGroup', $commandNs)
        foreach ($v in $Info.Values) {
            $writer.WriteStartElement('command', 'parameterValue', $commandNs)
            $writer.WriteAttributeString('required', 'false')
            $writer.WriteAttributeString('variableLength', 'false')
            $writer.WriteString($v)
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
    }
    $writer.WriteElementString('dev', 'defaultValue', $dev, $Info.Default)
    $writer.WriteEndElement()
}

$writer.WriteStartDocument()
$writer.WriteStartElement('helpItems', 'http://msh')
$writer.WriteAttributeString('schema', 'maml')

$cmdlets = @($module.ExportedCmdlets.Values | Sort-Object Noun, Verb)
foreach ($cmdlet in $cmdlets) {
    $type = $cmdlet.ImplementingType
    $typeDoc = $members['T:' + (Get-DocumentationId $type)]
    $synopsis = if ($typeDoc) { ConvertTo-Paragraphs $typeDoc.SelectSingleNode('summary') } else { @() }
    $description = if ($typeDoc) { ConvertTo-Paragraphs $typeDoc.SelectSingleNode('remarks') } else { @() }
    $examples = if ($typeDoc) { @($typeDoc.SelectNodes('example')) } else { @() }

    # One record per parameter: its doc text, wildcard support, accepted values, default.
    $parameterInfo = [ordered]@{}
    foreach ($parameter in $cmdlet.Parameters.Values) {
        if ($commonParameters.Contains($parameter.Name)) { continue }
        $property = $type.GetProperty($parameter.Name)
        $info = @{ Description = @(); Globbing = $false; Values = @(); Default = 'None' }
        if ($riskParameters.ContainsKey($parameter.Name) -and -not $property) {
            $info.Description = @($riskParameters[$parameter.Name])
            $info.Default = 'False'
        }
        if ($pagingParameters.ContainsKey($parameter.Name) -and -not $property) {
            $info.Description = @($pagingParameters[$parameter.Name])
        }
        if ($property) {
            $propertyDoc = $members['P:' + (Get-DocumentationId $property.DeclaringType) + '.' + $property.Name]
            if ($propertyDoc) { $info.Description = ConvertTo-Paragraphs $propertyDoc.SelectSingleNode('summary') }
            $info.Default = Get-DefaultValue $type $property
        }
        $info.Globbing = [bool] ($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        $validateSet = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
        if ($validateSet) { $info.Values = @($validateSet.ValidValues) }
        elseif ($parameter.ParameterType.IsEnum) { $info.Values = [enum]::GetNames($parameter.ParameterType) }
        $parameterInfo[$parameter.Name] = $info
    }

    $writer.WriteStartElement('command', 'command', $commandNs)
    $writer.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $writer.WriteAttributeString('xmlns', 'dev', $null, $dev)

    $writer.WriteStartElement('command', 'details', $commandNs)
    $writer.WriteElementString('command', 'name', $commandNs, $cmdlet.Name)
    $writer.WriteElementString('command', 'verb', $commandNs, $cmdlet.Verb)
    $writer.WriteElementString('command', 'noun', $commandNs, $cmdlet.Noun)
    Write-Paragraphs $synopsis
    $writer.WriteEndElement()

    Write-Paragraphs $description

    # Syntax: one item per parameter set, the default set first, positional parameters in order.
    $writer.WriteStartElement('command', 'syntax', $commandNs)
    $sets = @($cmdlet.ParameterSets | Sort-Object { -not $_.IsDefault }, Name)
    foreach ($set in $sets) {
        $writer.WriteStartElement('command', 'syntaxItem', $commandNs)
        $writer.WriteElementString('maml', 'name', $maml, $cmdlet.Name)
        $ordered = $set.Parameters | Where-Object { -not $commonParameters.Contains($_.Name) } |
            Sort-Object { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } }, { -not $_.IsMandatory }, { $_.Name -in 'WhatIf', 'Confirm' }, Name
        foreach ($parameter in $ordered) { Write-Parameter $parameter $parameterInfo[$parameter.Name] -InSyntax }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    # Parameters: each once, with the strictest binding it has in any set.
    $writer.WriteStartElement('command', 'parameters', $commandNs)
    foreach ($name in ($parameterInfo.Keys | Sort-Object)) {
        $inSets = @($cmdlet.ParameterSets | ForEach-Object { $_.Parameters } | Where-Object Name -eq $name)
        $parameter = [pscustomobject]@{
            Name                            = $name
            ParameterType                   = $cmdlet.Parameters[$name].ParameterType
            IsMandatory                     = [bool] ($inSets | Where-Object IsMandatory)
            Position                        = ($inSets | Measure-Object Position -Maximum).Maximum
            ValueFromPipeline               = [bool] ($inSets | Where-Object ValueFromPipeline)
            ValueFromPipelineByPropertyName = [bool] ($inSets | Where-Object ValueFromPipelineByPropertyName)
            Aliases                         = $cmdlet.Parameters[$name].Aliases
        }
        Write-Parameter $parameter $parameterInfo[$name]
    }
    $writer.WriteEndElement()

    # Inputs: what binds from the pipeline by value.
    $writer.WriteStartElement('command', 'inputTypes', $commandNs)
    $byValue = @($cmdlet.Parameters.Values | Where-Object { -not $commonParameters.Contains($_.Name) } |
            Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipeline } })
    if (-not $byValue) {
        $writer.WriteStartElement('command', 'inputType', $commandNs)
        $writer.WriteStartElement('dev', 'type', $dev); $writer.WriteElementString('maml', 'name', $maml, 'None'); $writer.WriteEndElement()
        Write-Paragraphs @('This cmdlet does not accept pipeline input by value.')
        $writer.WriteEndElement()
    }
    foreach ($parameter in $byValue) {
        $elementType = if ($parameter.ParameterType.IsArray) { $parameter.ParameterType.GetElementType() } else { $parameter.ParameterType }
        $writer.WriteStartElement('command', 'inputType', $commandNs)
        $writer.WriteStartElement('dev', 'type', $dev); $writer.WriteElementString('maml', 'name', $maml, $elementType.FullName); $writer.WriteEndElement()
        Write-Paragraphs @("Binds to -$($parameter.Name).")
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    # Outputs: the [OutputType] types, described by their own class summary when it is documented.
    $writer.WriteStartElement('command', 'returnValues', $commandNs)
    $outputs = @($cmdlet.OutputType)
    if (-not $outputs) {
        $writer.WriteStartElement('command', 'returnValue', $commandNs)
        $writer.WriteStartElement('dev', 'type', $dev); $writer.WriteElementString('maml', 'name', $maml, 'None'); $writer.WriteEndElement()
        Write-Paragraphs @('This cmdlet writes no output.')
        $writer.WriteEndElement()
    }
    foreach ($output in $outputs) {
        $writer.WriteStartElement('command', 'returnValue', $commandNs)
        $writer.WriteStartElement('dev', 'type', $dev); $writer.WriteElementString('maml', 'name', $maml, $output.Name); $writer.WriteEndElement()
        $outputDoc = if ($output.Type) { $members['T:' + (Get-DocumentationId $output.Type)] }
        Write-Paragraphs $(if ($outputDoc) { ConvertTo-Paragraphs $outputDoc.SelectSingleNode('summary') } else { @() })
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'examples', $commandNs)
    $number = 0
    foreach ($example in $examples) {
        $number++
        $writer.WriteStartElement('command', 'example', $commandNs)
        $writer.WriteElementString('maml', 'title', $maml, "-------------------------- Example $number --------------------------")
        $code = $example.SelectSingleNode('code')
        $writer.WriteElementString('dev', 'code', $dev, $(if ($code) { Format-Code $code.InnerText } else { '' }))
        $writer.WriteStartElement('dev', 'remarks', $dev)
        $remarks = @($example.SelectNodes('para') | ForEach-Object { ConvertTo-Paragraphs $_ })
        foreach ($p in $remarks) { $writer.WriteElementString('maml', 'para', $maml, $p) }
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'relatedLinks', $commandNs)
    $writer.WriteStartElement('maml', 'navigationLink', $maml)
    $writer.WriteElementString('maml', 'linkText', $maml, 'about_ImageStreamPS')
    $writer.WriteElementString('maml', 'uri', $maml, '')
    $writer.WriteEndElement()
    $writer.WriteEndElement()

    $writer.WriteEndElement()
}

$writer.WriteEndElement()
$writer.WriteEndDocument()
$writer.Dispose()
Write-Host "Help for $($cmdlets.Count) cmdlets written to $OutputPath" -ForegroundColor Green
