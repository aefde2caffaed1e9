"""dondoc — theo dõi, đôn đốc thực hiện nhiệm vụ của Ban Chỉ đạo."""
