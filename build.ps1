#!/usr/bin/env pwsh
# Restore, build, test and pack Cpoms.TwoFactor with the same dotnet commands as the README and CI.
#   ./build.ps1                     # everything, Release, packages in artifacts/packages
#   ./build.ps1 -SkipTests          # restore, build, pack
param(
    [string] $Configuration = 'Release',
    [string] $PackageOutput = 'artifacts/packages',
    [switch] $SkipTests
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Dotnet {
    Write-Host "> dotnet $args"
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args[0]) failed with exit code $LASTEXITCODE" }
}

Invoke-Dotnet restore Cpoms.TwoFactor.sln
Invoke-Dotnet build Cpoms.TwoFactor.sln --configuration $Configuration --no-restore
if (-not $SkipTests) {
    Invoke-Dotnet test Cpoms.TwoFactor.sln --configuration $Configuration --no-build
}
foreach ($project in Get-ChildItem -Path src -Filter '*.csproj' -Recurse) {
    Invoke-Dotnet pack $project.FullName --configuration $Configuration --no-build --output $PackageOutput
}
