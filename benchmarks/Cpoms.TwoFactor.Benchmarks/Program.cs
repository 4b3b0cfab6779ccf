using BenchmarkDotNet.Running;

// Run every benchmark:  dotnet run -c Release --project benchmarks/Cpoms.TwoFactor.Benchmarks -- --filter '*'
// Pick a class:         ... -- --filter '*Totp*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
