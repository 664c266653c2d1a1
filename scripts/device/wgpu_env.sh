# Sourced on the GPU machine before a wgpu run: unpacks the carried Vulkan/EGL loader packages
# (.gl/, scripts/device/wgpu_build.sh) and points the loader at NVIDIA's driver, the backend at
# the NVIDIA adapter, required (no silent fallback to another adapter).
for f in .gl/*.deb; do dpkg -x "$f" /; done
ldconfig
export VK_DRIVER_FILES=${VK_DRIVER_FILES:-/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json}
export __EGL_VENDOR_LIBRARY_FILENAMES=${__EGL_VENDOR_LIBRARY_FILENAMES:-/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json}
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp}
export UMFA_WGPU_ADAPTER=${UMFA_WGPU_ADAPTER:-NVIDIA}
export UMFA_WGPU_REQUIRED=1
